// The app's lifecycle around open terminals: wireAppLifecycle (what electron/main.ts wires) run
// against the Electron stand-in (test/support/electron-stub.ts, which closes windows and quits as
// Electron does) and a real core with real local shells.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, dialog, electronStubControl, Menu, recorded, Tray } from '../../test/support/electron-stub';
import { makeCoreFixture, type CoreFixture } from '../../test/support/core-fixture';
import type { RequestOutcome } from '../contract/console-contract';
import type { TerminalInfo } from '../contract/terminals';
import { wireAppLifecycle } from './app-lifecycle';

/** The stand-in answers at once and the core closes in milliseconds: 4 s means it never came (and
 *  fails inside the unit project's 5 s test timeout, with the awaited thing named). */
const WAIT = { timeout: 4_000 };
const KEEP = 'Keep running in the background';

let fixture: CoreFixture;
let closedTerminals: string[];
let reportedErrors: string[];

beforeEach(async () => {
  electronStubControl.reset();
  fixture = await makeCoreFixture({ agentSocket: null });
  closedTerminals = [];
  reportedErrors = [];
  fixture.core.streams.attach((stream, payload) => {
    if (stream === 'terminal.closed') closedTerminals.push((payload as { id: string }).id);
  });
});

afterEach(async () => {
  await fixture.dispose();
  expect(reportedErrors).toEqual([]);
});

/** Wires the lifecycle as main.ts does and opens the first window; returns it. */
function startApp(platform: NodeJS.Platform = 'linux'): BrowserWindow {
  const lifecycle = wireAppLifecycle(
    {
      app,
      dialog,
      platform,
      windows: () => BrowserWindow.getAllWindows(),
      openWindow: () => new BrowserWindow({}),
      createTray: () => new Tray('tray-icon.png'),
      buildMenu: (items) => Menu.buildFromTemplate(items),
    },
    fixture.core,
    (message) => reportedErrors.push(message),
  );
  lifecycle.showWindow();
  return BrowserWindow.getAllWindows()[0]!;
}

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await fixture.core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

async function openLocalTerminal(): Promise<string> {
  const info = await call<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
  return info.id;
}

const openTerminalIds = async () => (await call<TerminalInfo[]>('terminals.list', null)).map((info) => info.id).sort();

describe('closing the last window', () => {
  it('quits without asking when no terminal is open', async () => {
    const window = startApp();
    window.close();
    await vi.waitFor(() => expect(recorded.quitted, 'the app should have quit').toBe(true), WAIT);
    expect(recorded.questions).toEqual([]);
  });

  it('asks, naming how many terminals are open; Cancel leaves the window, the app and the shells as they were', async () => {
    const window = startApp();
    const ids = [await openLocalTerminal(), await openLocalTerminal()].sort();
    electronStubControl.answerNextQuestion('Cancel');
    electronStubControl.answerNextQuestion('Cancel');
    window.close();
    await vi.waitFor(() => expect(recorded.questions).toHaveLength(1), WAIT);
    expect(recorded.questions[0]!.window).toBe(window);
    expect(recorded.questions[0]!.options.message).toBe('2 terminals are still open');
    expect(recorded.questions[0]!.options.buttons).toEqual([KEEP, 'Quit and end 2 terminals', 'Cancel']);
    // A second close is asked again only once the first answer was handled.
    window.close();
    await vi.waitFor(() => expect(recorded.questions).toHaveLength(2), WAIT);
    expect(window.isDestroyed()).toBe(false);
    expect(recorded.quitted).toBe(false);
    expect(recorded.trays).toEqual([]);
    expect(await openTerminalIds()).toEqual(ids);
  });

  it('keeping the console in the background closes the window, makes a tray icon, and keeps the app and its shells', async () => {
    const window = startApp();
    const id = await openLocalTerminal();
    electronStubControl.answerNextQuestion(KEEP);
    window.close();
    await vi.waitFor(() => expect(recorded.trays, 'a tray icon should have been made').toHaveLength(1), WAIT);
    expect(window.isDestroyed()).toBe(true);
    expect(BrowserWindow.getAllWindows()).toEqual([]);
    expect(recorded.quitted).toBe(false);
    expect(await openTerminalIds()).toEqual([id]);
    expect(closedTerminals).toEqual([]);
  });

  it("the tray's Open makes a window again, and the page can reattach to the same shell", async () => {
    const window = startApp();
    const id = await openLocalTerminal();
    electronStubControl.answerNextQuestion(KEEP);
    window.close();
    await vi.waitFor(() => expect(recorded.trays).toHaveLength(1), WAIT);
    const tray = recorded.trays[0]!;
    tray.choose('Open OrangeBox Console');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(BrowserWindow.getAllWindows()[0]).not.toBe(window);
    expect(tray.destroyed).toBe(true);
    const attached = await call<{ info: TerminalInfo }>('terminals.attach', { id });
    expect(attached.info.id).toBe(id);
  });

  it('choosing Quit ends the core’s terminals and quits', async () => {
    const window = startApp();
    const ids = [await openLocalTerminal(), await openLocalTerminal()].sort();
    electronStubControl.answerNextQuestion('Quit and end 2 terminals');
    window.close();
    await vi.waitFor(() => expect(recorded.quitted, 'the app should have quit').toBe(true), WAIT);
    expect([...closedTerminals].sort()).toEqual(ids);
    expect(fixture.core.openTerminalCount()).toBe(0);
    expect(window.isDestroyed()).toBe(true);
    expect(recorded.trays).toEqual([]);
  });

  it('on macOS closes without asking and the app stays (with its shells); the Dock icon reopens the window', async () => {
    const window = startApp('darwin');
    const id = await openLocalTerminal();
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(recorded.questions).toEqual([]);
    expect(recorded.trays).toEqual([]);
    expect(recorded.quitted).toBe(false);
    electronStubControl.emitApp('activate');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(await openTerminalIds()).toEqual([id]);
  });
});

describe('quitting', () => {
  it('from the menu (or Ctrl+Q) asks when terminals are open; Cancel does nothing', async () => {
    const window = startApp();
    const id = await openLocalTerminal();
    electronStubControl.answerNextQuestion('Cancel');
    electronStubControl.answerNextQuestion('Cancel');
    app.quit();
    await vi.waitFor(() => expect(recorded.questions).toHaveLength(1), WAIT);
    expect(recorded.questions[0]!.window).toBe(window);
    expect(recorded.questions[0]!.options.message).toBe('1 terminal is still open');
    expect(recorded.questions[0]!.options.buttons).toEqual(['Quit and end 1 terminal', 'Cancel']);
    app.quit();
    await vi.waitFor(() => expect(recorded.questions).toHaveLength(2), WAIT);
    expect(recorded.quitted).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(await openTerminalIds()).toEqual([id]);
  });

  it('from the menu, answered Quit, ends the terminals and quits', async () => {
    startApp();
    const id = await openLocalTerminal();
    electronStubControl.answerNextQuestion('Quit and end 1 terminal');
    app.quit();
    await vi.waitFor(() => expect(recorded.quitted, 'the app should have quit').toBe(true), WAIT);
    expect(closedTerminals).toEqual([id]);
    expect(BrowserWindow.getAllWindows()).toEqual([]);
  });

  it('goes through without asking when no terminal is open', async () => {
    startApp();
    app.quit();
    await vi.waitFor(() => expect(recorded.quitted, 'the app should have quit').toBe(true), WAIT);
    expect(recorded.questions).toEqual([]);
  });

  it("from the tray asks again, naming the terminals, then ends them and quits", async () => {
    const window = startApp();
    const id = await openLocalTerminal();
    electronStubControl.answerNextQuestion(KEEP);
    electronStubControl.answerNextQuestion('Quit and end 1 terminal');
    window.close();
    await vi.waitFor(() => expect(recorded.trays).toHaveLength(1), WAIT);
    recorded.trays[0]!.choose('Quit');
    await vi.waitFor(() => expect(recorded.quitted, 'the app should have quit').toBe(true), WAIT);
    expect(recorded.questions[1]!.window).toBeNull();
    expect(recorded.questions[1]!.options.message).toBe('1 terminal is still open');
    expect(closedTerminals).toEqual([id]);
    expect(recorded.trays[0]!.destroyed).toBe(true);
  });
});

describe('starting the console again', () => {
  it('opens its window from the background, and focuses it otherwise', async () => {
    const window = startApp();
    electronStubControl.emitApp('second-instance');
    expect(BrowserWindow.getAllWindows()).toEqual([window]);
    expect(window.focusCount).toBe(1);

    await openLocalTerminal();
    electronStubControl.answerNextQuestion(KEEP);
    window.close();
    await vi.waitFor(() => expect(recorded.trays).toHaveLength(1), WAIT);
    electronStubControl.emitApp('second-instance');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(recorded.trays[0]!.destroyed).toBe(true);
  });
});
