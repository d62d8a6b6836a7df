import { describe, expect, it } from 'vitest';
import { terminalKeyAction, type KeyLike } from './terminal-keys';

const key = (key: string, code: string, modifiers: Partial<KeyLike> = {}): KeyLike => ({
  type: 'keydown',
  key,
  code,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...modifiers,
});

describe('the console’s keys inside a terminal', () => {
  it('takes Ctrl+Shift+F/C/V for find, copy and paste, by physical key', () => {
    expect(terminalKeyAction(key('F', 'KeyF', { ctrlKey: true, shiftKey: true }))).toBe('search');
    expect(terminalKeyAction(key('C', 'KeyC', { ctrlKey: true, shiftKey: true }))).toBe('copy');
    expect(terminalKeyAction(key('V', 'KeyV', { ctrlKey: true, shiftKey: true }))).toBe('paste');
  });

  it('takes the zoom keys', () => {
    expect(terminalKeyAction(key('=', 'Equal', { ctrlKey: true }))).toBe('zoom-in');
    expect(terminalKeyAction(key('+', 'Equal', { ctrlKey: true, shiftKey: true }))).toBe('zoom-in');
    expect(terminalKeyAction(key('-', 'Minus', { ctrlKey: true }))).toBe('zoom-out');
    expect(terminalKeyAction(key('0', 'Digit0', { ctrlKey: true }))).toBe('zoom-reset');
  });

  it('leaves the shell its own keys: Ctrl+C, Ctrl+V, Ctrl+F, plain letters, Alt+letters', () => {
    expect(terminalKeyAction(key('c', 'KeyC', { ctrlKey: true }))).toBeNull();
    expect(terminalKeyAction(key('v', 'KeyV', { ctrlKey: true }))).toBeNull();
    expect(terminalKeyAction(key('f', 'KeyF', { ctrlKey: true }))).toBeNull();
    expect(terminalKeyAction(key('f', 'KeyF'))).toBeNull();
    expect(terminalKeyAction(key('b', 'KeyB', { altKey: true }))).toBeNull();
  });

  it('lets the view shortcuts (Alt+1…9) reach the console instead of the shell', () => {
    expect(terminalKeyAction(key('2', 'Digit2', { altKey: true }))).toBe('console-shortcut');
    expect(terminalKeyAction(key('0', 'Digit0', { altKey: true }))).toBeNull();
    // Alt+H opens Health; macOS's Option+H types '˙', the key's position still says H.
    expect(terminalKeyAction(key('h', 'KeyH', { altKey: true }))).toBe('console-shortcut');
    expect(terminalKeyAction(key('˙', 'KeyH', { altKey: true }))).toBe('console-shortcut');
  });

  it('lets the command palette keys (Ctrl+K, Ctrl+Shift+P) reach the console, and no other Ctrl+letter', () => {
    expect(terminalKeyAction(key('k', 'KeyK', { ctrlKey: true }))).toBe('console-shortcut');
    expect(terminalKeyAction(key('P', 'KeyP', { ctrlKey: true, shiftKey: true }))).toBe('console-shortcut');
    expect(terminalKeyAction(key('p', 'KeyP', { ctrlKey: true }))).toBeNull();
    expect(terminalKeyAction(key('K', 'KeyK', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(terminalKeyAction(key('k', 'KeyK', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(terminalKeyAction(key('k', 'KeyK'))).toBeNull();
  });
});
