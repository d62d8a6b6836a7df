import { describe, expect, test } from 'vitest';
import { SnapshotRecordings } from './snapshot-recordings';

const header = JSON.stringify({ version: 2, width: 80, height: 24, title: 'ping from qrouter' });
const good = { name: 'ping.cast', title: 'ping from qrouter', cast: `${header}\n[1.5, "o", "64 bytes from 198.51.100.31"]\n` };
const damaged = { name: 'damaged.cast', title: 'shell on node03ob64', cast: `${header}\nnot an event\n[2, "o", "x"]\n` };

describe('a snapshot\'s recordings', () => {
  const recordings = new SnapshotRecordings([good, damaged], '/srv/lab.obxsnap', '2026-12-01T09:00:03.000Z');

  test('are named inside the snapshot file; one without a time in its header has the time the snapshot was taken', () => {
    const [entry] = recordings.entries();
    expect(entry).toMatchObject({ path: '/srv/lab.obxsnap/ping.cast', origin: 'snapshot', startedAt: '2026-12-01T09:00:03.000Z', durationSeconds: 1.5, problem: null });
  });

  test('a damaged one is listed with its problem and refused when played', () => {
    expect(recordings.entries()[1]?.problem).toMatch(/^line 2 is not an asciicast event/);
    expect(() => recordings.read('/srv/lab.obxsnap/damaged.cast')).toThrow(/^damaged\.cast in the snapshot cannot be played: line 2/);
  });

  test('a path that is not one of the snapshot\'s is left to the files on disk', () => {
    expect(recordings.read('/srv/lab.obxsnap/other.cast')).toBeNull();
    expect(recordings.read('/home/me/ping.cast')).toBeNull();
  });
});
