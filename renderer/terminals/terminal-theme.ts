// Terminal colours that follow the app's theme. The ANSI palette is tuned per background: on the
// light theme yellow and bright colours are darkened (the core's own notices are bold yellow and
// must stay readable on white, also on a projector).
import type { ITheme } from '@xterm/xterm';
import type { ResolvedTheme } from '../shell/theme.svelte';

const darkTheme: ITheme = {
  background: '#101215',
  foreground: '#e6e8eb',
  cursor: '#ff8a2a',
  cursorAccent: '#101215',
  selectionBackground: '#3a4a63',
  selectionInactiveBackground: '#2c3440',
  scrollbarSliderBackground: 'rgba(154, 163, 174, 0.25)',
  scrollbarSliderHoverBackground: 'rgba(154, 163, 174, 0.4)',
  scrollbarSliderActiveBackground: 'rgba(154, 163, 174, 0.55)',
  black: '#2e333b',
  red: '#ff6b6b',
  green: '#56d364',
  yellow: '#f0b429',
  blue: '#58a6ff',
  magenta: '#d2a8ff',
  cyan: '#39c5cf',
  white: '#c9d1d9',
  brightBlack: '#6e7681',
  brightRed: '#ff8e8e',
  brightGreen: '#7ee787',
  brightYellow: '#f8d066',
  brightBlue: '#79c0ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#56d4dd',
  brightWhite: '#f0f6fc',
};

const lightTheme: ITheme = {
  background: '#ffffff',
  foreground: '#1b1f24',
  cursor: '#c85a00',
  cursorAccent: '#ffffff',
  selectionBackground: '#b6d3f7',
  selectionInactiveBackground: '#d8e3f0',
  scrollbarSliderBackground: 'rgba(87, 96, 106, 0.25)',
  scrollbarSliderHoverBackground: 'rgba(87, 96, 106, 0.4)',
  scrollbarSliderActiveBackground: 'rgba(87, 96, 106, 0.55)',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#8a5a00',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#7d4e00',
  brightBlue: '#218bff',
  brightMagenta: '#a475f9',
  brightCyan: '#3192aa',
  brightWhite: '#8c959f',
};

export function terminalTheme(theme: ResolvedTheme): ITheme {
  return theme === 'light' ? lightTheme : darkTheme;
}

/** Search matches: visible on both backgrounds, the current one stronger. */
export function searchDecorations(theme: ResolvedTheme) {
  return theme === 'light'
    ? { matchBackground: '#fff1a8', matchOverviewRuler: '#bf8700', activeMatchBackground: '#ffb454', activeMatchColorOverviewRuler: '#c85a00' }
    : { matchBackground: '#5c4a12', matchOverviewRuler: '#f0b429', activeMatchBackground: '#a35200', activeMatchColorOverviewRuler: '#ff8a2a' };
}
