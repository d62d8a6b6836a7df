import { mount } from 'svelte';
import '@xterm/xterm/css/xterm.css';
import './styles/theme.css';
import './styles/controls.css';
import App from './App.svelte';
import { connectToCore } from './api/console-api';
import { ConsoleState } from './state/console-state.svelte';

const consoleState = new ConsoleState();
const { api } = connectToCore((state, detail) => consoleState.setCarrier(state, detail));
void consoleState.attach(api);
document.addEventListener('visibilitychange', () => void consoleState.setVisible(document.visibilityState === 'visible'));

mount(App, { target: document.getElementById('app') as HTMLElement, props: { consoleState } });
