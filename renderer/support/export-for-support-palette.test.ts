// The palette offers "Export <lab> for support" wherever a lab is shown (live, a snapshot, the
// demo), and choosing it opens the dialog with the core's suggested path.
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../electron/contract/payloads';
import type { ConsoleApi } from '../../electron/contract/console-contract';
import { paletteEntries, type PaletteSource } from '../palette/palette-entries';
import { runPaletteCommand } from '../palette/palette-commands';
import { ConsoleState } from '../state/console-state.svelte';

const live: ConnectionState = { labId: 'lab-0123456789ab', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@10.0.0.5:22', since: '2026-12-07T10:00:00.000Z' };
const source = (connection: ConnectionState | null): PaletteSource => ({ inventory: null, terminals: [], labs: [], connection, presentationMode: false, theme: 'dark' });
const exportEntry = (connection: ConnectionState | null) => paletteEntries(source(connection)).find((entry) => entry.id === 'action:export-for-support');

describe('the palette\'s Export for support entry', () => {
  it('names the lab shown, live or a snapshot', () => {
    expect(exportEntry(live)).toMatchObject({ title: 'Export OrangeBox64 for support', command: { type: 'action', action: 'export-for-support' } });
    expect(exportEntry({ ...live, labName: 'Demo lab', snapshot: { labName: 'Demo lab', takenAt: '2026-12-07T10:00:00.000Z', kind: 'demo', file: null } })?.title).toBe('Export Demo lab for support');
  });

  it('is absent while connecting and with no lab', () => {
    expect(exportEntry({ ...live, phase: 'connecting' })).toBeUndefined();
    expect(exportEntry(null)).toBeUndefined();
  });

  it('opens the dialog with the path the core suggests', async () => {
    const consoleState = new ConsoleState();
    const asked: string[] = [];
    const api = {
      request: async (name: string) => {
        asked.push(name);
        return name === 'supportBundles.suggestPath' ? '/home/u/OrangeBox snapshots/support-bundle-x.obxsnap' : null;
      },
      listen: () => () => {},
    } as unknown as ConsoleApi;
    consoleState.supportBundles.attach(api);
    runPaletteCommand(consoleState, { openSettings: () => {}, shownTheme: 'dark' }, exportEntry(live)!.command);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toContain('supportBundles.suggestPath');
    expect(consoleState.supportBundles.dialog).toEqual({ step: 'choosing', path: '/home/u/OrangeBox snapshots/support-bundle-x.obxsnap', obfuscate: true, problem: null });
  });
});
