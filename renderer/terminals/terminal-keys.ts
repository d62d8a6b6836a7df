// The console's own keys inside a terminal. Everything else goes to the remote program, so these
// use Ctrl+Shift (Ctrl+C/V/F belong to the shell) and the zoom keys every terminal uses.
import { isPaletteShortcut } from '../palette/palette-keys';

export type TerminalKeyAction = 'search' | 'copy' | 'paste' | 'zoom-in' | 'zoom-out' | 'zoom-reset' | 'console-shortcut';

export interface KeyLike {
  type: string;
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** The console's action for a key press, or null when the key belongs to the terminal's program. */
export function terminalKeyAction(event: KeyLike): TerminalKeyAction | null {
  // Alt+1…9 and Alt+H switch the console's views (view-catalog.ts); the shell must not get them as well.
  if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && /^(Digit[1-9]|KeyH)$/.test(event.code)) return 'console-shortcut';
  // The command palette opens over a terminal too; the shell loses readline's Ctrl+K (kill to end
  // of line), which Ctrl+U/Ctrl+W and the End key cover, so the palette is one key from anywhere.
  if (isPaletteShortcut(event)) return 'console-shortcut';
  if (!event.ctrlKey || event.altKey || event.metaKey) return null;
  if (event.shiftKey) {
    // By physical key: Shift changes the character on some layouts, not the key.
    if (event.code === 'KeyF') return 'search';
    if (event.code === 'KeyC') return 'copy';
    if (event.code === 'KeyV') return 'paste';
    if (event.key === '+') return 'zoom-in';
    if (event.key === '_') return 'zoom-out';
    return null;
  }
  if (event.key === '=' || event.key === '+') return 'zoom-in';
  if (event.key === '-') return 'zoom-out';
  if (event.key === '0') return 'zoom-reset';
  return null;
}
