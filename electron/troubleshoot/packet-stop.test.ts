import { describe, expect, it } from 'vitest';
import type { HopCounterReading, HopCounters } from '../contract/troubleshoot';
import { derivePath } from './derive-path';
import { labPathInventory, ROUTER_NAMESPACE } from './lab-path.fixture';
import { wherePacketsStop } from './packet-stop';

const analysis = derivePath(labPathInventory(), { kind: 'namespace', machineId: '26', namespace: ROUTER_NAMESPACE }, { kind: 'address', address: '198.51.100.20' });
const counted = analysis.hops.filter((hop) => hop.counters);
const counters = (packets: number, dropped = 0): HopCounters => ({ rxPackets: packets, txPackets: packets, rxDropped: dropped, txDropped: dropped });

/** Every counted hop moved by `moved(hopId)` packets between the two reads. */
const readings = (moved: (hopId: string) => number, dropped: (hopId: string) => number = () => 0): HopCounterReading[] =>
  counted.map((hop) => ({ hopId: hop.id, before: counters(100), after: counters(100 + moved(hop.id), dropped(hop.id)), error: null }));

describe('where the test pings stop', () => {
  it('names the last hop they reached and the first they did not, br-int by its tag', () => {
    const stop = wherePacketsStop(analysis.hops, readings((hopId) => (hopId === 'router.out' ? 5 : 0)), 5, 0);
    expect(stop).toEqual({ hopIndex: analysis.hops.findIndex((hop) => hop.id === 'in.br-int'), text: '5 sent, 5 left qr-cdbf7fe2-ce, 0 left br-int on tag 1.' });
  });

  it('counts other traffic as passing too: more than were sent still passes', () => {
    const stop = wherePacketsStop(analysis.hops, readings((hopId) => (hopId === 'in.tap' ? 0 : 7), (hopId) => (hopId === 'in.tap' ? 5 : 0)), 5, 0);
    expect(stop.text).toBe('5 sent, 7 reached qvb9e0c6af1-30, 0 left tap9e0c6af1-30 (5 counted as dropped there).');
  });

  it('says nothing stopped them when every ping was answered', () => {
    expect(wherePacketsStop(analysis.hops, readings(() => 5), 5, 5)).toEqual({ hopIndex: null, text: '5 sent, 5 answered: nothing stopped them.' });
  });

  it('when every hop passed them but none came back, says the replies were lost', () => {
    expect(wherePacketsStop(analysis.hops, readings(() => 5), 5, 0).text).toContain('every counted hop passed them on the way there (5 left tap9e0c6af1-30)');
  });

  it('without counters it does not guess', () => {
    expect(wherePacketsStop(analysis.hops, [], 5, 0).text).toBe("5 sent, 0 answered; no hop's counters could be read, so where they stopped is not known.");
  });
});
