// What the app asks before a closed window or a quit would end open terminals, and what each
// answer means. Plain data for Electron's dialog.showMessageBox, so tests read the same words.
import { APP_NAME } from '../core/app-identity';

/** The part of Electron's MessageBoxOptions the questions use. */
export interface TerminalQuestion {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  /** The button Enter presses. */
  defaultId: number;
  /** The button Escape (or closing the dialog) presses. */
  cancelId: number;
  /** On Windows, long labels would otherwise become command links with their own layout. */
  noLink: boolean;
}

export type LastWindowAnswer = 'keep' | 'quit' | 'cancel';
export type QuitAnswer = 'quit' | 'cancel';

/** "1 terminal", "3 terminals". */
export const terminalsInWords = (count: number): string => `${count} terminal${count === 1 ? '' : 's'}`;

const stillOpen = (count: number) => `${terminalsInWords(count)} ${count === 1 ? 'is' : 'are'} still open`;

const LAST_WINDOW_ANSWERS: readonly LastWindowAnswer[] = ['keep', 'quit', 'cancel'];

/** Asked when the last window closes (not on macOS, where the app stays in the Dock anyway). */
export function lastWindowQuestion(count: number): TerminalQuestion {
  return {
    type: 'question',
    title: APP_NAME,
    message: stillOpen(count),
    detail:
      `Running in the background, ${APP_NAME} keeps ${count === 1 ? 'its shell' : 'their shells'} going: ` +
      `reopen the window from the tray icon, or by starting ${APP_NAME} again. Quitting ends ${count === 1 ? 'it' : 'them'}.`,
    buttons: ['Keep running in the background', `Quit and end ${terminalsInWords(count)}`, 'Cancel'],
    // Enter keeps the shells: the safe choice when the window was closed by habit.
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
}

export const lastWindowAnswer = (response: number): LastWindowAnswer => LAST_WINDOW_ANSWERS[response] ?? 'cancel';

const QUIT_ANSWERS: readonly QuitAnswer[] = ['quit', 'cancel'];

/** Asked by any quit (menu, Ctrl+Q / Cmd+Q, the tray's Quit) while terminals are open. */
export function quitQuestion(count: number): TerminalQuestion {
  return {
    type: 'question',
    title: APP_NAME,
    message: stillOpen(count),
    detail: `Quitting ends ${count === 1 ? 'it' : 'them'}, and any recording of ${count === 1 ? 'it' : 'them'} stops.`,
    buttons: [`Quit and end ${terminalsInWords(count)}`, 'Cancel'],
    // Enter cancels: Ctrl+Q is also XON, which a hand used to terminals may press by accident.
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export const quitAnswer = (response: number): QuitAnswer => QUIT_ANSWERS[response] ?? 'cancel';
