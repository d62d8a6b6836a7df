// The search for the largest ICMP payload that passes with don't-fragment set, one probe at a
// time: the floor (does the target answer at all?), the source's ceiling, the size the inventory
// expects and one byte over it, then halving between the largest that passed and the smallest
// that did not. A "message too long" or "Frag needed" that names an MTU is taken at its word: its
// size is tried next. Bounded in probes and in time; pure apart from the prober it is given.
import { MAX_DF_PROBES, type DfProbeKind, type DfProbeReason } from '../contract/mtu-check';

/**
 * 576 − 28: every IPv4 path must carry a 576-byte datagram (RFC 791), so a target that does not
 * answer this is not an MTU problem; it is the floor of the search.
 */
export const FLOOR_PAYLOAD = 548;
/** ping's default size: what "does it answer a plain ping?" means. */
export const SMALL_PAYLOAD = 56;
/**
 * Linux lets a veth (and a bridge port without br_netfilter) take a frame this much over its MTU,
 * room for a VLAN tag (is_skb_forwardable: MTU + header + VLAN_HLEN): a 1460-byte packet still
 * reaches an instance whose eth0 is 1456, so when one byte over the expected size passes, the
 * search tries that much over next.
 */
export const VLAN_TAG_ALLOWANCE = 4;

/** The bound on probes is the contract's (the page says it too). */
export { MAX_DF_PROBES };

export type DfProbeAnswer =
  | { kind: DfProbeKind; mtuSaid: number | null }
  /** The source cannot set don't-fragment, or the ping could not run: the search ends with it. */
  | { kind: 'stop' };

export interface MtuSearchPlan {
  /** The largest payload to try: the source's interface MTU less the headers. */
  ceiling: number;
  /** The payload the narrowest known MTU along the path allows; null when none is known. */
  expected: number | null;
  /** IP + ICMP headers: 28 (IPv4), 48 (IPv6); an MTU said by ping becomes MTU − this. */
  headerBytes: number;
}

export interface MtuSearchHooks {
  /** Sends one probe of `payload` bytes and says what came back. */
  probe(payload: number, reason: DfProbeReason): Promise<DfProbeAnswer>;
  /** True once the check must end (stopped, or out of time): no further probe is sent. */
  halted(): boolean;
}

export type MtuSearchEnding =
  | { kind: 'found'; largest: number }
  /** The target answered neither the floor nor a plain ping. */
  | { kind: 'target-silent' }
  /** A probe said stop (no don't-fragment, a ping failure): its reading says why. */
  | { kind: 'stopped-by-probe' }
  /** Halted or out of probes first: what is known so far. */
  | { kind: 'unfinished'; largestPassed: number | null; smallestFailed: number | null };

export async function searchPathMtu(plan: MtuSearchPlan, hooks: MtuSearchHooks): Promise<MtuSearchEnding> {
  const ceiling = Math.max(0, plan.ceiling);
  /** The largest payload that passed, and the smallest that did not (exclusive upper bound). */
  let passed: number | null = null;
  let failed = ceiling + 1;
  let sent = 0;
  /** A size a "too big" named, to try next. */
  let said: number | null = null;

  const send = async (payload: number, reason: DfProbeReason): Promise<'go-on' | 'stop'> => {
    sent += 1;
    const answer = await hooks.probe(payload, reason);
    if (answer.kind === 'stop') return 'stop';
    if (answer.kind === 'passed') passed = Math.max(passed ?? payload, payload);
    else {
      failed = Math.min(failed, payload);
      const allowed = answer.mtuSaid !== null ? answer.mtuSaid - plan.headerBytes : null;
      if (allowed !== null && allowed < payload && allowed >= 0) {
        failed = Math.min(failed, allowed + 1);
        said = allowed;
      }
    }
    return 'go-on';
  };
  const open = (payload: number) => payload > (passed ?? -1) && payload < failed;
  const canSend = () => !hooks.halted() && sent < MAX_DF_PROBES;
  const unfinished = (): MtuSearchEnding => ({ kind: 'unfinished', largestPassed: passed, smallestFailed: failed <= ceiling ? failed : null });

  // 1. The floor: the target answers a packet every path must carry; else, does it answer at all?
  const floor = Math.min(FLOOR_PAYLOAD, ceiling);
  if ((await send(floor, 'floor')) === 'stop') return { kind: 'stopped-by-probe' };
  if (passed === null && said === null) {
    if (!canSend()) return unfinished();
    const small = Math.min(SMALL_PAYLOAD, floor);
    if ((await send(small, 'small')) === 'stop') return { kind: 'stopped-by-probe' };
    if (passed === null && said === null) return { kind: 'target-silent' };
  }

  // 2. Then the ceiling, the expected size and one byte over it, sizes ping named, and halving.
  const queue: [number, DfProbeReason][] = [[ceiling, 'ceiling']];
  if (plan.expected !== null) {
    const over = plan.expected + VLAN_TAG_ALLOWANCE;
    queue.push([plan.expected, 'expected'], [plan.expected + 1, 'expected'], [over, 'vlan-allowance'], [over + 1, 'vlan-allowance']);
  }
  while ((passed === null ? 0 : passed + 1) < failed) {
    if (!canSend()) return unfinished();
    let next: [number, DfProbeReason] | null = null;
    if (said !== null && open(said)) next = [said, 'mtu-said'];
    said = null;
    while (!next && queue.length > 0) {
      const candidate = queue.shift()!;
      if (open(candidate[0])) next = candidate;
    }
    if (!next) next = [Math.floor(((passed ?? -1) + failed) / 2), 'halving'];
    if ((await send(next[0], next[1])) === 'stop') return { kind: 'stopped-by-probe' };
  }
  return passed === null ? { kind: 'target-silent' } : { kind: 'found', largest: passed };
}
