// What choosing a palette entry does, through the console state's own actions (the same ones the
// views' buttons use). Enter runs the primary command; the secondary one (Alt+Enter / Ctrl+Enter)
// opens a terminal beside the focused one instead of in a tab of its own.
import type { ConsoleState } from '../state/console-state.svelte';
import type { PaletteCommand } from './palette-entries';

export interface PaletteHost {
  openSettings(): void;
  /** The theme shown now (a "system" choice resolved), so the toggle flips what is seen. */
  shownTheme: 'dark' | 'light';
}

/** Whether an entry has a secondary action (opening beside the focused terminal). */
export const hasSecondary = (command: PaletteCommand): boolean => command.type === 'open-terminal';

export function runPaletteCommand(consoleState: ConsoleState, host: PaletteHost, command: PaletteCommand, secondary = false): void {
  switch (command.type) {
    case 'show':
      consoleState.show(command.view, command.focus);
      return;
    case 'open-terminal':
      void consoleState.terminals.open(command.target, secondary ? 'row' : 'tab');
      return;
    case 'switch-terminal':
      consoleState.show('terminals');
      consoleState.terminals.focus(command.id);
      consoleState.terminals.focusRequest = command.id;
      return;
    case 'connect':
      void consoleState.connect(command.labId);
      return;
    case 'action':
      switch (command.action) {
        case 'refresh':
          void consoleState.refreshInventory();
          return;
        case 'save-snapshot':
          void consoleState.snapshots.startSaving();
          return;
        case 'export-for-support':
          void consoleState.supportBundles.start();
          return;
        case 'presentation':
          void consoleState.updateSettings({ presentationMode: !(consoleState.settings?.presentationMode ?? false) });
          return;
        case 'theme':
          void consoleState.updateSettings({ theme: host.shownTheme === 'dark' ? 'light' : 'dark' });
          return;
        case 'disconnect':
          void consoleState.disconnect();
          return;
        case 'manage-labs':
          consoleState.managingLabs = true;
          return;
        case 'settings':
          host.openSettings();
          return;
      }
  }
}
