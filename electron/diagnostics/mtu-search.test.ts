// The path MTU search against a stand-in pinger: a path of given MTUs that answers a probe the way
// a real one would (passed, refused by the source's own interface, dropped on the way), counting
// every probe. The bounds, the number of probes, the early stops.
import { describe, expect, it } from 'vitest';
import { FLOOR_PAYLOAD, MAX_DF_PROBES, SMALL_PAYLOAD, searchPathMtu, type DfProbeAnswer, type MtuSearchPlan } from './mtu-search';

const IPV4 = 28;

interface StandInPath {
  /** The source's own interface: bigger packets are refused before they leave ("message too long"). */
  localMtu: number;
  /** The narrowest MTU on the way: bigger packets are dropped silently (a veth, a bridge port). */
  pathMtu: number;
  /** A router that says "Frag needed" instead of dropping, at this MTU. */
  routerMtu?: number;
  /** The target answers nothing at all. */
  silent?: boolean;
  /** The source's ping has no don't-fragment option. */
  noDf?: boolean;
}

function standIn(path: StandInPath) {
  const sent: number[] = [];
  const probe = async (payload: number): Promise<DfProbeAnswer> => {
    sent.push(payload);
    if (path.noDf) return { kind: 'stop' };
    const size = payload + IPV4;
    if (size > path.localMtu) return { kind: 'too-big', mtuSaid: path.localMtu };
    if (path.routerMtu !== undefined && size > path.routerMtu) return { kind: 'too-big', mtuSaid: path.routerMtu };
    if (path.silent || size > path.pathMtu) return { kind: 'no-reply', mtuSaid: null };
    return { kind: 'passed', mtuSaid: null };
  };
  return { sent, hooks: { probe, halted: () => false } };
}

const plan = (ceiling: number, expected: number | null = null): MtuSearchPlan => ({ ceiling, expected, headerBytes: IPV4 });

describe('the path MTU search', () => {
  it('finds 1428 behind an instance of MTU 1456, from a 1500 source, without a hint: 11 probes, each in the open range', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1456 });
    expect(await searchPathMtu(plan(1472), hooks)).toEqual({ kind: 'found', largest: 1428 });
    expect(sent.slice(0, 2)).toEqual([FLOOR_PAYLOAD, 1472]);
    expect(sent).toContain(1428);
    expect(sent).toContain(1429);
    expect(sent.length).toBe(11);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it('with the narrowest MTU the inventory knows, confirms it in four probes: floor, ceiling, expected, one over', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1456 });
    expect(await searchPathMtu(plan(1472, 1428), hooks)).toEqual({ kind: 'found', largest: 1428 });
    expect(sent).toEqual([548, 1472, 1428, 1429]);
  });

  it('a wrong hint (the tap is lower than the inventory says) still closes, within the probe bound', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1400 });
    expect(await searchPathMtu(plan(1472, 1428), hooks)).toEqual({ kind: 'found', largest: 1372 });
    expect(sent.length).toBeLessThanOrEqual(14);
  });

  it('a veth that takes 4 bytes over its MTU (Linux leaves room for a VLAN tag) is confirmed in six probes: 1432', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1460 });
    expect(await searchPathMtu(plan(1472, 1428), hooks)).toEqual({ kind: 'found', largest: 1432 });
    expect(sent).toEqual([548, 1472, 1428, 1429, 1432, 1433]);
  });

  it('a clean path passes at the ceiling in two probes', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1500 });
    expect(await searchPathMtu(plan(1472), hooks)).toEqual({ kind: 'found', largest: 1472 });
    expect(sent).toEqual([548, 1472]);
  });

  it('a ceiling guessed too high is corrected by the MTU the source names ("message too long, mtu=1500")', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1500 });
    expect(await searchPathMtu(plan(8972), hooks)).toEqual({ kind: 'found', largest: 1472 });
    expect(sent).toEqual([548, 8972, 1472]);
  });

  it('a router\'s "Frag needed (mtu = 1400)" is tried next, then confirmed', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1500, routerMtu: 1400 });
    expect(await searchPathMtu(plan(1472), hooks)).toEqual({ kind: 'found', largest: 1372 });
    expect(sent).toEqual([548, 1472, 1372]);
  });

  it('never sends more than its bound, whatever the path', async () => {
    for (const pathMtu of [576, 577, 600, 1000, 1280, 1400, 1450, 1456, 1499, 1500]) {
      for (const expected of [null, 1428, 100, 1471]) {
        const { sent, hooks } = standIn({ localMtu: 1500, pathMtu });
        expect(await searchPathMtu(plan(1472, expected), hooks), `${pathMtu} ${expected}`).toEqual({ kind: 'found', largest: pathMtu - IPV4 });
        expect(sent.length, `${pathMtu} ${expected}`).toBeLessThanOrEqual(14);
        expect(sent.every((payload) => payload >= 0 && payload <= 1472)).toBe(true);
      }
    }
  });

  it('a path narrower than 576 is found below the floor once a plain ping answers', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 400 });
    expect(await searchPathMtu(plan(1472), hooks)).toEqual({ kind: 'found', largest: 372 });
    expect(sent.slice(0, 2)).toEqual([FLOOR_PAYLOAD, SMALL_PAYLOAD]);
  });

  it('stops early when the target answers neither the floor nor a plain ping: two probes', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1500, silent: true });
    expect(await searchPathMtu(plan(1472, 1428), hooks)).toEqual({ kind: 'target-silent' });
    expect(sent).toEqual([FLOOR_PAYLOAD, SMALL_PAYLOAD]);
  });

  it('a source that cannot set don\'t-fragment ends the search at its first probe', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1456, noDf: true });
    expect(await searchPathMtu(plan(1472), hooks)).toEqual({ kind: 'stopped-by-probe' });
    expect(sent).toEqual([FLOOR_PAYLOAD]);
  });

  it('halted (stopped, out of time) ends with what is known, sending nothing more', async () => {
    const { sent, hooks } = standIn({ localMtu: 1500, pathMtu: 1456 });
    let left = 3;
    const ending = await searchPathMtu(plan(1472), { probe: (payload) => ((left -= 1), hooks.probe(payload)), halted: () => left <= 0 });
    expect(ending).toEqual({ kind: 'unfinished', largestPassed: expect.any(Number), smallestFailed: 1472 });
    expect(sent.length).toBe(3);
  });

  it('a range too wide to close in 16 probes ends unfinished at 16, with its bounds', async () => {
    let sent = 0;
    const probe = async (): Promise<DfProbeAnswer> => ((sent += 1), { kind: sent % 2 === 0 ? 'no-reply' : 'passed', mtuSaid: null });
    expect(await searchPathMtu(plan(65_000), { probe, halted: () => false })).toMatchObject({ kind: 'unfinished', largestPassed: expect.any(Number), smallestFailed: expect.any(Number) });
    expect(sent).toBe(MAX_DF_PROBES);
  });
});
