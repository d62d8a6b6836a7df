// The demo's latest ping runs (walkthrough step 12): from the gateway's qrouter namespace to the
// two floating addresses, with the replies the write-up printed. The replies are read from the
// walkthrough's transcript by the console's own ping parser and completed by the same functions a
// live run uses (pingNumbers, classifyPingEnding, pingCommand), so the Diagnostics view shows the
// demo's runs exactly as it shows a real lab's. No reply time here is invented: every number is
// the write-up's, or derived from its replies where a comment says so.
import type { LatestPingRuns, PingCellProgress, PingCellResult, PingRunRecord, PingSource } from '../../contract/diagnostics';
import type { PingResult } from '../../contract/lab-model';
import { pingCommand, pingSourceLabel, type PingTiming } from '../../diagnostics/ping-command';
import { classifyPingEnding } from '../../diagnostics/ping-failure';
import { pingNumbers } from '../../diagnostics/ping-statistics';
import { parsePing } from '../../probes/parsers/ping';
import { quoteShellCommand } from '../../ssh/shell-quote';

/**
 * Each ping in the write-up shows three replies (icmp_seq 1–3): the demo's run asked for three, at
 * ping's own one-second pace, waiting a second for each, as the Diagnostics form's defaults would.
 */
const DEMO_PING_TIMING: PingTiming = { count: 3, intervalSeconds: 1, replyWaitSeconds: 1 };
/** Run ids as the core names them (`ping-` + 12 hex digits), fixed for a stable file: the date read as hex. */
const DEMO_PING_RUN_ID = 'ping-201612070958';
const DEMO_MATRIX_RUN_ID = 'ping-201612070959';
/** Both runs end before the demo's capture (10:00:10), as the latest runs a capture keeps do. */
const DEMO_PING_STARTED_AT = '2016-12-07T09:58:00.000Z';
const DEMO_MATRIX_STARTED_AT = '2016-12-07T09:59:00.000Z';
/**
 * What iputils (s20121221, Ubuntu 16.04) prints on stderr, exiting 2, when the namespace has no
 * route to the target: it never sends a packet, so there is no reply and no number to invent.
 */
const NO_ROUTE_STDERR = 'connect: Network is unreachable\n';
const NO_ROUTE_EXIT_CODE = 2;

/** A prompt line of the write-up ("root@node02ob64:~# ping 119.115.26.136"). */
const PROMPT = /^\S+@\S+[#$] ?(.*)$/;
const PING_AT_PROMPT = /^ping (\S+)$/;

/** Every `ping <target>` the transcript shows, with what it printed (up to the next prompt), in its order. */
export function walkthroughPings(transcript: string): { target: string; output: string }[] {
  const pings: { target: string; lines: string[] }[] = [];
  let current: { target: string; lines: string[] } | null = null;
  for (const line of transcript.split('\n')) {
    const prompt = PROMPT.exec(line);
    if (prompt) {
      const ping = PING_AT_PROMPT.exec(prompt[1]!.trim());
      current = ping ? { target: ping[1]!, lines: [] } : null;
      if (current) pings.push(current);
    } else if (current) {
      current.lines.push(line);
    }
  }
  return pings.map(({ target, lines }) => ({ target, output: `${lines.join('\n').trimEnd()}\n` }));
}

export interface DemoGateway {
  machineId: string;
  hostName: string;
  routerNamespace: string;
  /** A namespace whose recorded routes reach only its own tenant network (no default route). */
  isolatedNamespace: string;
}

/** The demo's `diagnostics.json`: a ping from the qrouter namespace, and a matrix beside it. */
export function demoPingRuns(transcript: string, gateway: DemoGateway): LatestPingRuns {
  const pings = walkthroughPings(transcript);
  if (pings.length === 0) throw new Error('the walkthrough transcript shows no ping: the demo has none to record');
  const router: PingSource = { kind: 'namespace', machineId: gateway.machineId, namespace: gateway.routerNamespace };
  const isolated: PingSource = { kind: 'namespace', machineId: gateway.machineId, namespace: gateway.isolatedNamespace };
  const targets = pings.map((ping) => ping.target);
  const fromRouter = pings.map((ping) => answeredCell(router, ping.target, ping.output, gateway.hostName));
  return {
    ping: runRecord(DEMO_PING_RUN_ID, 'ping', DEMO_PING_STARTED_AT, [router], targets, fromRouter, gateway.hostName),
    // The matrix's qrouter row is the same write-up pings (the only replies it shows); its second
    // row is the qdhcp namespace of the instances' network, whose recorded routes (demo-lab.ts)
    // hold no way to the external network: ping ends at once with "Network is unreachable".
    matrix: runRecord(
      DEMO_MATRIX_RUN_ID,
      'matrix',
      DEMO_MATRIX_STARTED_AT,
      [router, isolated],
      targets,
      [...fromRouter, ...targets.map((target) => unroutedCell(isolated, target, gateway.hostName))],
      gateway.hostName,
    ),
  };
}

function runRecord(runId: string, kind: 'ping' | 'matrix', startedAt: string, sources: PingSource[], targets: string[], cells: PingCellProgress[], hostName: string): PingRunRecord {
  return {
    started: {
      runId,
      kind,
      cells: sources.flatMap((source) => targets.map((target) => ({ source, sourceLabel: pingSourceLabel(source, hostName), target }))),
      count: DEMO_PING_TIMING.count,
      intervalSeconds: DEMO_PING_TIMING.intervalSeconds,
    },
    startedAt,
    cells,
  };
}

const commandOf = (source: PingSource, target: string, hostName: string) => `${quoteShellCommand(pingCommand(source, target, DEMO_PING_TIMING))}   (on ${hostName})`;

/** A cell whose replies the write-up printed. */
function answeredCell(source: PingSource, target: string, output: string, hostName: string): PingCellProgress {
  const parsed = parsePing(output);
  if (!parsed.value || parsed.value.replies.length === 0) throw new Error(`the walkthrough's ping of ${target} shows no reply the ping parser reads`);
  const result: PingResult = parsed.value;
  // The write-up's quote of the second ping stops after its third reply, before ping's statistics:
  // with -c 3, ping had then sent 3 requests. The rest (received, loss, min/avg/max/mdev) is
  // computed from those replies by pingNumbers, as for any ping that printed no statistics.
  const completed = result.transmitted === null ? { ...result, transmitted: DEMO_PING_TIMING.count } : result;
  const numbers = pingNumbers(completed);
  const failure = classifyPingEnding({ source, sourceLabel: pingSourceLabel(source, hostName), hostName, target, numbers, errors: result.errors, stderr: '', exitCode: 0, stopped: false, timedOut: false });
  const cellResult: PingCellResult = { ...numbers, command: commandOf(source, target, hostName), failure };
  return { state: 'done', replies: result.replies, errors: result.errors, result: cellResult };
}

/** A cell from a namespace with no route to the target: ping refused to start. */
function unroutedCell(source: PingSource, target: string, hostName: string): PingCellProgress {
  const numbers = { transmitted: null, received: 0, lossPercent: null, rtt: null };
  const failure = classifyPingEnding({ source, sourceLabel: pingSourceLabel(source, hostName), hostName, target, numbers, errors: [], stderr: NO_ROUTE_STDERR, exitCode: NO_ROUTE_EXIT_CODE, stopped: false, timedOut: false });
  return { state: 'done', replies: [], errors: [], result: { ...numbers, command: commandOf(source, target, hostName), failure } };
}
