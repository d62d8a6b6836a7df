import { describe, expect, it } from 'vitest';
import { derivePath } from '../../../../electron/troubleshoot/derive-path';
import { labPathInventory, labPathProbes, ROUTER_NAMESPACE, withPortTag } from '../../../../electron/troubleshoot/lab-path.fixture';
import { countersText, hopSummary, hopTone, sameQuestion, typedPathTarget, verdictTone } from './path-view';

const source = { kind: 'namespace', machineId: '26', namespace: ROUTER_NAMESPACE } as const;
const target = { kind: 'address', address: '198.51.100.20' } as const;

describe('what the path card shows', () => {
  it('a blocked path is red at its verdict and at the hop that blocks it; the rest stay green', () => {
    const analysis = derivePath(labPathInventory(withPortTag(labPathProbes(), 'qvo9e0c6af1-30', 4)), source, target);
    expect(verdictTone(analysis)).toBe('bad');
    expect(analysis.hops.map(hopTone)).toEqual(['ok', 'ok', 'bad', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(hopSummary(analysis.hops[2]!)).toBe('VLAN tag 1');
    expect(hopSummary(analysis.hops[0]!)).toBe('198.51.100.0/27 dev qr-cdbf7fe2-ce');
    expect(hopSummary(analysis.hops[1]!)).toBe('UP · MTU 1500 · tag 1');
  });

  it('counters read in the path’s direction, before → after, with drops that moved', () => {
    const analysis = derivePath(labPathInventory(), source, target);
    const tap = analysis.hops.find((hop) => hop.kind === 'tap')!;
    const reading = { hopId: tap.id, before: { rxPackets: 1, txPackets: 40, rxDropped: 0, txDropped: 2 }, after: { rxPackets: 9, txPackets: 45, rxDropped: 0, txDropped: 3 }, error: null };
    expect(countersText(tap, reading)).toBe('tx 40 → 45 (+5), 1 dropped');
    expect(countersText(tap, { ...reading, after: null })).toBe('tx 40');
    expect(countersText(tap, { hopId: tap.id, before: null, after: null, error: 'sudo refused' })).toBe('not read: sudo refused');
    expect(countersText(analysis.hops.find((hop) => hop.kind === 'qbr')!, undefined)).toBeNull();
  });

  it('a typed target is an IPv4 address or nothing; the same question is recognised', () => {
    expect(typedPathTarget(' 198.51.100.12 ')).toEqual({ kind: 'address', address: '198.51.100.12' });
    expect(typedPathTarget('node03ob64')).toBeNull();
    const analysis = derivePath(labPathInventory(), source, target);
    expect(sameQuestion(analysis, derivePath(labPathInventory(), source, target))).toBe(true);
    expect(sameQuestion(analysis, derivePath(labPathInventory(), source, { kind: 'address', address: '198.51.100.39' }))).toBe(false);
  });
});
