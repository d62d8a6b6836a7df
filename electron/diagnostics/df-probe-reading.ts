// What one don't-fragment ping (`ping -M do -s SIZE -c 1 -W 1 TARGET`) said: the reply came back,
// the packet was refused as too big (by the source itself, "message too long, mtu=N", or by a
// router on the way, "Frag needed and DF set (mtu = N)"), nothing came back, or ping cannot set
// don't-fragment at all (BusyBox has no -M). Anything else is a ping failure in words
// (classifyPingEnding). Pure: it reads what ping and its wrappers printed.
import type { PingFailure, PingSource } from '../contract/diagnostics';
import type { DfProbeKind } from '../contract/mtu-check';
import { createPingStream } from '../probes/parsers/ping';
import { classifyPingEnding } from './ping-failure';
import { pingNumbers } from './ping-statistics';

export type DfProbeReading =
  | { kind: DfProbeKind; mtuSaid: number | null; line: string | null; rttMs: number | null }
  /** ping refused the -M option: it cannot set don't-fragment. */
  | { kind: 'no-dont-fragment'; line: string }
  | { kind: 'failed'; failure: PingFailure };

export interface DfProbePrinted {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
  stopped: boolean;
}

export interface DfProbeContext {
  source: PingSource;
  sourceLabel: string;
  hostName: string;
  target: string;
}

/** iputils: "ping: local error: message too long, mtu=1400" (IPv6: "mtu: 1400"; older: "Message too long"). */
const LOCAL_TOO_LONG = /local error: message too long, mtu[=:]\s*(\d+)/i;
/** iputils before the local-error wording, and other pings: sendmsg/sendto refused by the kernel (no MTU said). */
const SEND_TOO_LONG = /send(?:msg|to)?: Message too long/i;
/** A router's ICMP "fragmentation needed" (IPv4) or "packet too big" (IPv6), as iputils prints them. */
const FRAG_NEEDED = /Frag(?:mentation)? needed and DF set \(mtu = (\d+)\)|Packet too big: mtu=(\d+)/i;
/** BusyBox "ping: invalid option -- 'M'", GNU inetutils "unrecognized option", BSD "illegal option -- M". */
const NO_DF_OPTION = /(?:invalid|illegal|unrecognized|unknown) option.*\bM\b|BusyBox v\d/i;

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

export function readDfProbe(printed: DfProbePrinted, context: DfProbeContext): DfProbeReading {
  const said = [...lines(printed.stdout), ...lines(printed.stderr)];
  const noDf = said.find((line) => NO_DF_OPTION.test(line));
  if (noDf) return { kind: 'no-dont-fragment', line: said.find((line) => /option/i.test(line)) ?? noDf };

  const stream = createPingStream();
  stream.push(printed.stdout);
  const parsed = stream.finish().value;
  const reply = parsed.replies.find((candidate) => !candidate.duplicate);
  if (reply) return { kind: 'passed', mtuSaid: null, line: null, rttMs: reply.timeMs };

  for (const line of said) {
    const local = LOCAL_TOO_LONG.exec(line);
    const router = FRAG_NEEDED.exec(line);
    if (local) return { kind: 'too-big', mtuSaid: Number(local[1]), line, rttMs: null };
    if (router) return { kind: 'too-big', mtuSaid: Number(router[1] ?? router[2]), line, rttMs: null };
    if (SEND_TOO_LONG.test(line)) return { kind: 'too-big', mtuSaid: null, line, rttMs: null };
  }

  const failure = classifyPingEnding({
    ...context,
    numbers: pingNumbers(parsed),
    errors: parsed.errors,
    stderr: printed.stderr,
    exitCode: printed.exitCode,
    stopped: printed.stopped,
    timedOut: printed.timedOut,
  });
  // Sent and nothing came back (or an unreachable from the last hop): dropped, for the search.
  if (failure === null || failure.kind === 'unreachable' || failure.kind === 'partial-loss') {
    return { kind: 'no-reply', mtuSaid: null, line: parsed.errors[0] ?? null, rttMs: null };
  }
  return { kind: 'failed', failure };
}
