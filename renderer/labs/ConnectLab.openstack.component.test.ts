// The lab form's optional OpenStack credentials: sent with the lab when given (with a cloud for a
// clouds.yaml), null when left empty (found automatically), and shown again when editing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ConnectLab from './ConnectLab.svelte';
import { ConsoleState } from '../state/console-state.svelte';
import type { SavedLab } from '../../electron/contract/payloads';

let form: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (form) unmount(form);
  form = null;
  document.body.innerHTML = '';
});

function show() {
  const consoleState = new ConsoleState();
  vi.spyOn(consoleState, 'sshConfigHosts').mockResolvedValue({ hosts: [], file: null, problems: [] } as never);
  const save = vi.spyOn(consoleState, 'saveLab').mockResolvedValue({ ok: false, message: 'kept open for the test' });
  const target = document.body.appendChild(document.createElement('div'));
  form = mount(ConnectLab, { target, props: { consoleState } });
  flushSync();
  const type = (name: string, value: string) => {
    const input = target.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    flushSync();
  };
  const submit = () => {
    target.querySelector('form')!.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    flushSync();
  };
  return { consoleState, target, save, type, submit };
}

describe('the lab form’s OpenStack credentials', () => {
  it('sends null when left empty: the console finds them on the controller', () => {
    const { save, type, submit, target } = show();
    type('name', 'OrangeBox 64');
    type('host', '10.0.0.5');
    expect(target.textContent).toContain('OpenStack credentials on the controller');
    expect(target.querySelector('input[name="openstackCloud"]')).toBeNull();
    submit();
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ openstackCredentials: null }));
  });

  it('sends an rc file as named, and a clouds.yaml with its cloud', () => {
    const { save, type, submit } = show();
    type('name', 'OrangeBox 64');
    type('host', '10.0.0.5');
    type('openstackCredentials', '~/admin-openrc');
    submit();
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ openstackCredentials: { path: '~/admin-openrc', cloud: null } }));
    type('openstackCredentials', '~/.config/openstack/clouds.yaml');
    type('openstackCloud', 'lab');
    submit();
    expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ openstackCredentials: { path: '~/.config/openstack/clouds.yaml', cloud: 'lab' } }));
  });

  it('shows a saved lab’s credentials when editing it', () => {
    const { consoleState, target } = show();
    const lab: SavedLab = { id: 'lab-abcd1234', name: 'OB', createdAt: '2026-12-07T10:00:00.000Z', routes: {}, controller: { kind: 'ssh', host: '10.0.0.5', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null }, openstackCredentials: { path: '/etc/openstack/clouds.yaml', cloud: 'ob64' } };
    consoleState.labs = [lab];
    flushSync();
    const edit = [...target.querySelectorAll('button')].find((button) => /edit/i.test(button.textContent ?? ''));
    expect(edit, 'the saved lab list offers Edit').toBeTruthy();
    edit!.click();
    flushSync();
    expect(target.querySelector<HTMLInputElement>('input[name="openstackCredentials"]')!.value).toBe('/etc/openstack/clouds.yaml');
    expect(target.querySelector<HTMLInputElement>('input[name="openstackCloud"]')!.value).toBe('ob64');
  });
});
