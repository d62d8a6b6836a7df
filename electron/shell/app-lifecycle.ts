// What happens to the console's terminals when its last window closes or the app quits.
// Terminals live in the core, so a closed window need not end them. With terminals open, closing
// the last window asks: keep the console running in the background (a tray icon, or starting the
// app again, reopens a window, whose page reattaches to the same shells) or quit and end them.
// Every quit (menu, Ctrl+Q, the tray's Quit) asks too. On macOS an app stays in the Dock when its
// last window closes, so there the window simply closes and the Dock icon reopens it.
// Electron's objects are handed in (main.ts passes the real ones, tests a stand-in): this file
// does not import electron.
import type { ConsoleCore } from '../core/console-core';
import { APP_NAME } from '../core/app-identity';
import { lastWindowAnswer, lastWindowQuestion, quitAnswer, quitQuestion, type TerminalQuestion } from './terminal-questions';

/** Ending the shells and SSH channels takes milliseconds; a connection that no longer answers must
 *  not keep the app from quitting. */
export const CORE_CLOSE_LIMIT_MS = 5_000;

export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of a BrowserWindow this module uses. */
export interface LifecycleWindow {
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

/** The part of Electron's `app` this module uses. */
export interface LifecycleApp {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'second-instance', listener: () => void): unknown;
  quit(): void;
}

/** The part of Electron's `dialog` this module uses. */
export interface LifecycleDialog<Window> {
  showMessageBox(window: Window, options: TerminalQuestion): Promise<{ response: number }>;
  showMessageBox(options: TerminalQuestion): Promise<{ response: number }>;
}

/** The part of a Tray this module uses. */
export interface LifecycleTray<Menu> {
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export type TrayMenuItem = { label: string; click: () => void } | { type: 'separator' };

export interface LifecycleShell<Window extends LifecycleWindow, Menu> {
  app: LifecycleApp;
  dialog: LifecycleDialog<Window>;
  platform: NodeJS.Platform;
  /** Every window (BrowserWindow.getAllWindows). */
  windows(): Window[];
  /** Opens a console window; its page lists the core's terminals and reattaches to them. */
  openWindow(): Window;
  /** A tray icon (new Tray with the app's icon). */
  createTray(): LifecycleTray<Menu>;
  buildMenu(items: TrayMenuItem[]): Menu;
}

export interface AppLifecycle {
  /** Shows the console: focuses its window, or opens one (leaving the background). */
  showWindow(): void;
}

/** Takes over window-all-closed, before-quit, activate and second-instance for the app. */
export function wireAppLifecycle<Window extends LifecycleWindow, Menu>(
  shell: LifecycleShell<Window, Menu>,
  core: Pick<ConsoleCore, 'openTerminalCount' | 'close'>,
  reportError: (message: string) => void = (message) => console.error(message),
): AppLifecycle {
  let tray: LifecycleTray<Menu> | null = null;
  /** One question at a time: a second Ctrl+Q while the first is asked does nothing. */
  let asking = false;
  /** The engineer chose to quit: windows close without asking, while the core ends the terminals. */
  let quitting = false;
  /** The core has ended its terminals: the next quit goes through. */
  let coreClosed = false;
  /** Windows whose close the engineer already answered ("keep"). */
  const answeredClose = new WeakSet<Window>();

  const openWindows = () => shell.windows().filter((window) => !window.isDestroyed());

  function showWindow(): void {
    leaveBackground();
    const existing = openWindows()[0];
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.focus();
      return;
    }
    const window = shell.openWindow();
    window.on('close', (event) => onWindowClose(window, event));
  }

  function keepInBackground(): void {
    if (tray) return;
    tray = shell.createTray();
    tray.setToolTip(`${APP_NAME}: terminals kept running`);
    tray.setContextMenu(
      shell.buildMenu([
        { label: `Open ${APP_NAME}`, click: showWindow },
        { type: 'separator' },
        // A quit like any other: before-quit asks, naming the terminals it would end.
        { label: 'Quit', click: () => shell.app.quit() },
      ]),
    );
    // Windows opens the window on a click; Linux trays show the menu instead.
    tray.on('click', showWindow);
  }

  function leaveBackground(): void {
    tray?.destroy();
    tray = null;
  }

  async function ask<Answer>(window: Window | null, question: TerminalQuestion, answerOf: (response: number) => Answer): Promise<Answer | null> {
    if (asking) return null;
    asking = true;
    try {
      const { response } = window ? await shell.dialog.showMessageBox(window, question) : await shell.dialog.showMessageBox(question);
      return answerOf(response);
    } catch (error) {
      reportError(`could not ask whether to end the open terminals (nothing was ended): ${String(error)}`);
      return null;
    } finally {
      asking = false;
    }
  }

  async function quitEndingTerminals(): Promise<void> {
    quitting = true;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        reportError(`the terminals did not end within ${CORE_CLOSE_LIMIT_MS} ms; quitting anyway`);
        resolve();
      }, CORE_CLOSE_LIMIT_MS);
    });
    const closing = core.close().catch((error: unknown) => reportError(`ending the terminals failed; quitting anyway: ${String(error)}`));
    await Promise.race([closing, limit]);
    clearTimeout(timer);
    coreClosed = true;
    leaveBackground();
    shell.app.quit();
  }

  function onWindowClose(window: Window, event: PreventableEvent): void {
    if (quitting || answeredClose.has(window) || shell.platform === 'darwin') return;
    if (openWindows().some((other) => other !== window)) return;
    const count = core.openTerminalCount();
    if (count === 0) return;
    event.preventDefault();
    void ask(window, lastWindowQuestion(count), lastWindowAnswer).then((answer) => {
      if (answer === 'keep') {
        keepInBackground();
        answeredClose.add(window);
        window.close();
      } else if (answer === 'quit') {
        void quitEndingTerminals();
      }
    });
  }

  shell.app.on('before-quit', (event) => {
    if (coreClosed) return;
    // Electron would close the windows and end the process before the core could close its
    // terminals (or before the engineer answered): every quit goes through quitEndingTerminals.
    event.preventDefault();
    if (quitting) return;
    const count = core.openTerminalCount();
    if (count === 0) return void quitEndingTerminals();
    void ask(openWindows()[0] ?? null, quitQuestion(count), quitAnswer).then((answer) => {
      if (answer === 'quit') void quitEndingTerminals();
    });
  });

  shell.app.on('window-all-closed', () => {
    if (quitting || shell.platform === 'darwin') return;
    // The close was answered "keep", or the window went without a close event (destroyed):
    // shells are never ended unasked.
    if (core.openTerminalCount() > 0) return keepInBackground();
    shell.app.quit();
  });

  // macOS: the Dock icon reopens the window.
  shell.app.on('activate', () => {
    if (openWindows().length === 0) showWindow();
  });

  // Starting the app again reopens the running one's window: the way back where a desktop shows
  // no tray icons (GNOME without an AppIndicator extension).
  shell.app.on('second-instance', showWindow);

  return { showWindow };
}
