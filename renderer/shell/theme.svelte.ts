// Follows the OS theme (prefers-color-scheme) unless the engineer chose one; presentation mode
// enlarges all text for projectors.
import type { Settings, ThemeChoice } from '../../electron/contract/payloads';

export type ResolvedTheme = 'dark' | 'light';

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): ResolvedTheme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

export class ThemeFollower {
  systemPrefersDark = $state(true);
  private readonly query = window.matchMedia('(prefers-color-scheme: dark)');

  constructor() {
    this.systemPrefersDark = this.query.matches;
    this.query.addEventListener('change', (event) => (this.systemPrefersDark = event.matches));
  }

  apply(settings: Settings | null): ResolvedTheme {
    const theme = resolveTheme(settings?.theme ?? 'system', this.systemPrefersDark);
    document.documentElement.dataset.theme = theme;
    document.documentElement.classList.toggle('presentation', settings?.presentationMode ?? false);
    return theme;
  }
}
