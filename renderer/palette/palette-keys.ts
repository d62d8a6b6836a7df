// The keys that open the command palette from anywhere, a terminal included: Ctrl+K (the usual
// "go to anything" key) and Ctrl+Shift+P (the editors' command palette). By physical key, so a
// keyboard layout that moves the letters does not move the shortcut.
import type { KeyLike } from '../terminals/terminal-keys';

export function isPaletteShortcut(event: KeyLike): boolean {
  if (!event.ctrlKey || event.altKey || event.metaKey) return false;
  return event.shiftKey ? event.code === 'KeyP' : event.code === 'KeyK';
}

/** The shortcut as the page shows it. */
export const PALETTE_SHORTCUT_LABEL = 'Ctrl+K';
