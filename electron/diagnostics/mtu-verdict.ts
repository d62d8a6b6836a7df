// The MTU check's verdict in words, first: the largest don't-fragment payload that passed and the
// path MTU it means, then whether the interfaces known along the way agree and which one is the
// narrowest; or why there is no answer (no don't-fragment on the source, a silent target, a
// failure, a stop). Pure.
import type { MtuCheckResult, MtuHop } from '../contract/mtu-check';
import { MAX_DF_PROBES, VLAN_TAG_ALLOWANCE, type MtuSearchEnding } from './mtu-search';

export interface VerdictInput {
  ending: MtuSearchEnding;
  headerBytes: number;
  hops: readonly MtuHop[];
  sourceLabel: string;
  target: string;
  /** Why the search stopped when a probe stopped it (no don't-fragment, a ping failure), in words. */
  probeStop: { kind: 'no-dont-fragment' | 'failed'; message: string } | null;
  /** Why a search that did not close ended: the engineer stopped it, its time or its probes ran out. */
  unfinishedBecause: 'stopped' | 'out-of-time' | 'out-of-probes';
}

/** "the instance's eth0" starts a sentence as "The instance's eth0"; an interface's own name stays as it is. */
const capitalised = (text: string) => (text.startsWith('the ') ? `T${text.slice(1)}` : text);
/** "the instance's eth0" → "the instance's"; "qr-cdbf7fe2-ce (the source's interface)" → "qr-cdbf7fe2-ce's". */
const ownerOf = (hop: MtuHop) => (hop.label.endsWith(` ${hop.name}`) ? hop.label.slice(0, -(hop.name.length + 1)) : `${hop.name}'s`);

/** What the found size means against the interfaces along the path. */
function comparison(pathMtu: number, headerBytes: number, hops: readonly MtuHop[]): { words: string; agrees: boolean | null; problem: boolean } {
  const known = hops.filter((hop) => hop.mtu !== null);
  if (known.length === 0) return { words: 'The console knows no interface MTUs along this path to compare it with.', agrees: null, problem: false };
  const lowest = Math.min(...known.map((hop) => hop.mtu!));
  // The end's own interface is what the instance (or the source) believes it may send.
  const end = known.find((hop) => hop.role === 'target') ?? known.find((hop) => hop.role === 'source') ?? null;
  // Of interfaces tied at the lowest MTU, the one nearest the end: a Linux bridge (qbr) takes its
  // lowest port's MTU, so the tap beside the instance is the cause and the bridge only follows.
  const distance = (hop: MtuHop) => Math.abs(hops.indexOf(hop) - hops.indexOf(end!));
  const narrower = end ? known.filter((hop) => hop !== end && hop.mtu! < end.mtu!).sort((a, b) => a.mtu! - b.mtu! || distance(a) - distance(b))[0] : undefined;
  const narrowest = narrower ?? (end && end.mtu === lowest ? end : known.find((hop) => hop.mtu === lowest)!);
  const at = `${narrowest.label} ${narrowest.where}`;
  if (narrower && end) {
    const dropped = `${narrower.label} has MTU ${narrower.mtu}, lower than ${ownerOf(end)} ${end.mtu}: packets over ${narrower.mtu! - headerBytes} bytes are dropped.`;
    const fix = pathMtu === narrower.mtu ? ` Raise ${narrower.name} to ${end.mtu} (or lower ${end.label} to ${narrower.mtu}).` : ` The search found ${pathMtu}, not ${narrower.mtu}: something else on the way differs too.`;
    return { words: `${capitalised(dropped)}${fix}`, agrees: pathMtu === narrower.mtu, problem: true };
  }
  if (pathMtu === lowest) return { words: `${capitalised(narrowest.label)} is ${lowest}: as expected.`, agrees: true, problem: false };
  if (pathMtu > lowest && pathMtu <= lowest + VLAN_TAG_ALLOWANCE) {
    return {
      words:
        `${capitalised(narrowest.label)} is ${lowest}: as expected, give or take the ${VLAN_TAG_ALLOWANCE} bytes Linux lets a veth or bridge port take over its MTU (room for a VLAN tag); ` +
        `it sends at most ${lowest} itself, so count on ${lowest - headerBytes} bytes.`,
      agrees: true,
      problem: false,
    };
  }
  if (pathMtu < lowest) {
    return {
      words: `That is lower than every interface MTU the console knows along the path (the narrowest is ${at}, ${lowest}): something it cannot see drops packets over ${pathMtu - headerBytes} bytes, such as a switch or a tunnel between the nodes.`,
      agrees: false,
      problem: true,
    };
  }
  return {
    words: `That is higher than ${at} (${lowest}): it may not be on this path, or its MTU changed since the inventory read it; refresh and check again.`,
    agrees: false,
    problem: true,
  };
}

export function mtuVerdict(input: VerdictInput): MtuCheckResult {
  const { ending, headerBytes } = input;
  const none = { largestPayload: null, pathMtu: null, agrees: null, problem: true };
  switch (ending.kind) {
    case 'found': {
      const pathMtu = ending.largest + headerBytes;
      const { words, agrees, problem } = comparison(pathMtu, headerBytes, input.hops);
      return { ending: 'found', verdict: `Largest DF ping: ${ending.largest} bytes (path MTU ${pathMtu}). ${words}`, largestPayload: ending.largest, pathMtu, agrees, problem };
    }
    case 'target-silent':
      return {
        ending: 'target-silent',
        verdict: `${input.target} does not answer even small pings from ${input.sourceLabel}: this is not an MTU problem. Ping it (above) to see why.`,
        ...none,
      };
    case 'stopped-by-probe': {
      const stop = input.probeStop ?? { kind: 'failed' as const, message: 'the ping could not run' };
      return { ending: stop.kind, verdict: stop.message, ...none };
    }
    case 'unfinished': {
      const { largestPassed, smallestFailed } = ending;
      const known =
        largestPassed === null
          ? 'nothing passed yet'
          : `${largestPassed} bytes passed${smallestFailed !== null ? `, ${smallestFailed} did not: the path MTU is between ${largestPassed + headerBytes} and ${smallestFailed + headerBytes - 1}` : ''}`;
      const why = { stopped: 'Stopped', 'out-of-time': 'The check ran out of time', 'out-of-probes': `The check sent its ${MAX_DF_PROBES} probes` }[input.unfinishedBecause];
      return { ending: input.unfinishedBecause === 'stopped' ? 'stopped' : 'out-of-time', verdict: `${why} before the search closed: ${known}.`, largestPayload: largestPassed, pathMtu: largestPassed === null ? null : largestPassed + headerBytes, agrees: null, problem: false };
    }
  }
}

/** Why a source whose ping cannot set don't-fragment gives no answer, and where to check from instead. */
export function noDontFragmentMessage(sourceLabel: string, line: string, instead: string | null): string {
  return (
    `The ping on ${sourceLabel} cannot set don't-fragment ("${line}": BusyBox's ping has no -M), so it cannot measure a path MTU: ` +
    `without don't-fragment a too-large packet is fragmented and still answered. ` +
    `Check from ${instead ?? 'a gateway namespace or a machine, whose ping is iputils'} instead.`
  );
}
