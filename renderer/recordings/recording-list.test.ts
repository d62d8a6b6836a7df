// The Recordings list: files opened in this window first, then the core's newest first; each
// line says where the file lies, and a missing one says what it was.
import { describe, expect, it } from 'vitest';
import type { RecordingEntry } from '../../electron/contract/recordings';
import type { LocalRecording } from './local-cast-file';
import { folderOf, recordingBadge, recordingFacts, recordingList } from './recording-list';

const entry = (path: string, startedAt: string, extra: Partial<RecordingEntry> = {}): RecordingEntry => ({
  path, name: path.split('/').at(-1)!, origin: 'recorded', title: 'shell', startedAt, modifiedAt: startedAt, bytes: 2048,
  durationSeconds: 75, missing: false, inProgress: false, problem: null, ...extra,
});
const local: LocalRecording = {
  key: 'file:demo.cast:10:1', name: 'demo.cast', bytes: 10, modifiedAt: '2020-01-01T00:00:00.000Z', cast: '', note: null,
  summary: { width: 80, height: 24, title: null, startedAt: null, durationSeconds: 1 },
};

describe('the recordings list', () => {
  it('shows files opened here first, then every recording newest first, each with its folder', () => {
    const list = recordingList(
      [entry('/home/me/old/a.cast', '2026-01-01T10:00:00.000Z'), entry('/srv/visits/acme/b.cast', '2026-03-01T10:00:00.000Z')],
      [local],
    );
    expect(list.map((listed) => [listed.name, listed.where])).toEqual([
      ['demo.cast', 'opened in this window from a file on this computer'],
      ['b.cast', '/srv/visits/acme'],
      ['a.cast', '/home/me/old'],
    ]);
  });

  it('says what a missing recording was, and marks it', () => {
    const [missing] = recordingList([entry('/gone/c.cast', '2026-01-01T10:00:00.000Z', { missing: true, bytes: 3 * 1024, durationSeconds: null })], []);
    expect(recordingFacts(missing!, 'en-GB')).toMatch(/ · was 3\.0 KiB$/);
    expect(recordingBadge(missing!)).toEqual({ text: 'missing', tone: 'bad' });
  });

  it('marks a recording carried by the snapshot shown, and says which snapshot file it is in', () => {
    const [carried] = recordingList([entry('/srv/lab.obxsnap/ping.cast', '2026-01-01T10:00:00.000Z', { origin: 'snapshot' })], []);
    expect(recordingBadge(carried!)).toEqual({ text: 'in the snapshot', tone: 'info' });
    expect(carried!.where).toBe('/srv/lab.obxsnap');
  });

  it('gives the folder of a path in the root and of a bare name', () => {
    expect(folderOf('/a.cast')).toBe('/');
    expect(folderOf('a.cast')).toBe('.');
  });
});
