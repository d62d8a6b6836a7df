// The palette offers "Save snapshot of <lab>" only where a capture can run: a connected live lab.
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../electron/contract/payloads';
import { paletteEntries, type PaletteSource } from '../palette/palette-entries';

const live: ConnectionState = { labId: 'lab-0123456789ab', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@10.0.0.5:22', since: '2026-12-07T10:00:00.000Z' };
const source = (connection: ConnectionState | null): PaletteSource => ({ inventory: null, terminals: [], labs: [], connection, presentationMode: false, theme: 'dark' });
const saveEntry = (connection: ConnectionState | null) => paletteEntries(source(connection)).find((entry) => entry.id === 'action:save-snapshot');

describe('the palette\'s Save snapshot entry', () => {
  it('names the connected lab and opens the dialog', () => {
    expect(saveEntry(live)).toMatchObject({ title: 'Save snapshot of OrangeBox64', command: { type: 'action', action: 'save-snapshot' } });
  });

  it('is absent while connecting, with no lab, and on a snapshot', () => {
    expect(saveEntry({ ...live, phase: 'connecting' })).toBeUndefined();
    expect(saveEntry(null)).toBeUndefined();
    expect(saveEntry({ ...live, snapshot: { labName: 'OrangeBox64', takenAt: '2026-12-07T10:00:00.000Z', kind: 'capture', file: '/srv/lab.obxsnap' } })).toBeUndefined();
  });
});
