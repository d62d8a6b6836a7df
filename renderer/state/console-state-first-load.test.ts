// @vitest-environment jsdom
// The page's first moments: with no lab saved it opens on "connect a lab", but a view the engineer
// chose while the page was still loading (Alt+8 straight after opening it) is not taken away.
import { describe, expect, it, vi } from 'vitest';
import type { RequestName } from '../../electron/contract/console-contract';
import { defaultSettings } from '../../electron/contract/payloads';
import { scriptedCore } from '../../test/support/scripted-core';
import { ConsoleState } from './console-state.svelte';

vi.hoisted(() => {
  // jsdom has no canvas (xterm asks for one as it loads); xterm then measures text the DOM way.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

function noLabCore(labsAnswered: Promise<void>) {
  const answers: Partial<Record<RequestName, (params: never) => unknown>> = {
    'labs.list': async () => {
      await labsAnswered;
      return [];
    },
    'settings.get': () => defaultSettings,
    'notices.pending': () => [],
    'prompts.pending': () => [],
    'terminals.list': () => [],
    'inventory.get': () => null,
  };
  return scriptedCore(answers).api;
}

describe('the first load with no lab saved', () => {
  it('opens on the labs screen when nothing was chosen', async () => {
    const consoleState = new ConsoleState();
    await consoleState.attach(noLabCore(Promise.resolve()));
    expect(consoleState.managingLabs).toBe(true);
  });

  it('keeps a view chosen while the page was loading', async () => {
    let answerLabs: () => void = () => {};
    const consoleState = new ConsoleState();
    const attached = consoleState.attach(noLabCore(new Promise((resolve) => (answerLabs = resolve))));
    consoleState.show('recordings');
    answerLabs();
    await attached;
    expect(consoleState.view).toBe('recordings');
    expect(consoleState.managingLabs).toBe(false);
  });
});
