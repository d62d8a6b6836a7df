// The banner the page shows when the desktop app's core process stopped: how it ended and the
// terminals lost, over every view, and Restart, after which the page fetches everything afresh.
// The real console state, attached to a scripted core.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { RequestName } from '../../electron/contract/console-contract';
import { stoppedStatus, type CoreStatus } from '../../electron/contract/core-process';
import { defaultSettings } from '../../electron/contract/payloads';
import { scriptedCore } from '../../test/support/scripted-core';
import { ConsoleState } from '../state/console-state.svelte';
import CoreStoppedBanner from './CoreStoppedBanner.svelte';

vi.hoisted(() => {
  // jsdom has no canvas (xterm asks for one as it loads); xterm then measures text the DOM way.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

let banner: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (banner) unmount(banner);
  banner = null;
  document.body.innerHTML = '';
});

async function shown(coreAtLoad: CoreStatus = { state: 'running' }) {
  let restartAnswer: (status: CoreStatus) => void = () => {};
  const answers: Partial<Record<RequestName, (params: never) => unknown>> = {
    'core.status': () => coreAtLoad,
    'core.restart': () => new Promise<CoreStatus>((resolve) => (restartAnswer = resolve)),
    'labs.list': () => [],
    'settings.get': () => defaultSettings,
    'notices.pending': () => [],
    'prompts.pending': () => [],
    'terminals.list': () => [],
  };
  const core = scriptedCore(answers);
  const consoleState = new ConsoleState();
  await consoleState.attach(core.api);
  const target = document.body.appendChild(document.createElement('div'));
  banner = mount(CoreStoppedBanner, { target, props: { consoleState } });
  flushSync();
  return { consoleState, target, core, answerRestart: (status: CoreStatus) => restartAnswer(status) };
}

const bannerOf = (target: HTMLElement) => target.querySelector('[data-testid="core-stopped"]');

describe('the core-stopped banner', () => {
  it('is absent while the core runs', async () => {
    const { target } = await shown();
    expect(bannerOf(target)).toBeNull();
  });

  it('says how the core stopped and that its terminals were lost; Restart starts it and the page reloads', async () => {
    const { target, core, answerRestart } = await shown();
    core.push('core.status', stoppedStatus(null, 'SIGKILL', 2));
    flushSync();
    const said = bannerOf(target)!;
    expect(said.getAttribute('role')).toBe('alert');
    expect(said.textContent).toContain("The console's core stopped (signal SIGKILL); its 2 terminals were lost (their shells ended with it).");
    const restart = said.querySelector('button')!;
    expect(restart.textContent!.trim()).toBe('Restart the core');

    const requestsBefore = core.requests.length;
    restart.click();
    flushSync();
    expect(restart.disabled).toBe(true);
    expect(restart.textContent!.trim()).toBe('Restarting…');
    answerRestart({ state: 'running' });
    await vi.waitFor(() => expect(core.requests.slice(requestsBefore).map((request) => request.name)).toContain('terminals.list'));
    flushSync();
    expect(bannerOf(target)).toBeNull();
    expect(core.requests.slice(requestsBefore).map((request) => request.name)).toEqual(expect.arrayContaining(['core.restart', 'labs.list', 'connection.get']));
  });

  it('is shown by a page loaded after the core stopped', async () => {
    const { target } = await shown(stoppedStatus(1, null, 0));
    expect(bannerOf(target)!.textContent).toContain("The console's core stopped (exit code 1); no terminal was open.");
  });
});
