import { describe, expect, test } from 'vitest';
import type { ConnectionState } from '../../electron/contract/payloads';
import { snapshotBannerText, whyNotLive } from './live-lab';

const since = '2026-12-07T10:00:00.000Z';
const live: ConnectionState = { labId: 'lab-abcd1234', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since };
const snapshot = (kind: 'capture' | 'demo'): ConnectionState => ({
  labId: 'snapshot-0123456789ab',
  labName: 'OrangeBox64',
  phase: 'connected',
  detail: 'snapshot of OrangeBox64 taken 2026-12-07 10:00 UTC',
  since,
  snapshot: { labName: 'OrangeBox64', takenAt: '2026-12-07T10:00:00.000Z', kind, file: null },
});

describe('whyNotLive', () => {
  test('a connected live lab runs everything', () => {
    expect(whyNotLive(live)).toBeNull();
  });

  test('a snapshot, although "connected", says it is read-only and how to get a live lab', () => {
    expect(whyNotLive(snapshot('capture'))).toBe('A snapshot is read-only: this needs a live lab. This is a snapshot of OrangeBox64; disconnect and connect a lab to use it.');
    expect(whyNotLive(snapshot('demo'))).toMatch(/^A snapshot is read-only: this needs a live lab\. This is the demo lab;/);
  });

  test('a lab not connected (or still connecting) says so', () => {
    expect(whyNotLive({ ...live, phase: 'not-connected' })).toBe('Connect to the lab first: this runs on its machines.');
    expect(whyNotLive({ ...live, phase: 'connecting' })).toMatch(/^Connecting to OrangeBox64/);
    expect(whyNotLive(null)).not.toBeNull();
  });
});

test('the banner names the lab and when the snapshot was taken', () => {
  const text = snapshotBannerText(snapshot('capture').snapshot!, 'en-GB');
  expect(text).toMatch(/^Snapshot of OrangeBox64 taken \d{1,2} Dec 2026, \d{2}:\d{2}$/);
});
