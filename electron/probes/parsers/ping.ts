// `ping` as iputils (Linux), BusyBox (the lab's instances, CirrOS) and BSD/macOS print it, read line
// by line so a running ping can be shown as its replies arrive (`createPingStream`), or at once
// (`parsePing`). The dialects:
//   header   iputils  "PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data."   ("PING ::1(::1) 56 data bytes")
//            busybox  "PING 10.0.0.1 (10.0.0.1): 56 data bytes"          (BSD prints the same)
//   reply    iputils  "64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.816 ms" (old: icmp_req=)
//            busybox  "64 bytes from 10.0.0.1: seq=0 ttl=64 time=0.040 ms"
//            BSD      "64 bytes from 10.0.0.1: icmp_seq=0 ttl=64 time=0.075 ms"
//   summary  iputils  "3 packets transmitted, 3 received, +1 errors, 0% packet loss, time 2000ms"
//                     "rtt min/avg/max/mdev = 0.383/0.553/0.816/0.190 ms"
//            busybox  "3 packets transmitted, 3 packets received, 0% packet loss"
//                     "round-trip min/avg/max = 0.040/0.061/0.075 ms"
//            BSD      "… 0.0% packet loss" / "round-trip min/avg/max/stddev = …"
//   ping6    BSD/macOS (KAME) "PING6(56=40+8+8 bytes) ::1 --> ::1",
//            "16 bytes from ::1, icmp_seq=0 hlim=64 time=0.124 ms" (hop limit, not ttl),
//            "--- ::1 ping6 statistics ---", "round-trip min/avg/max/std-dev = …"
//   failures "ping: foo: Name or service not known" (iputils), "ping: unknown host foo" (old iputils),
//            "ping: bad address 'foo'" (busybox), "ping: cannot resolve foo: Unknown host" (BSD),
//            "From 10.0.0.1 icmp_seq=1 Destination Host Unreachable" (iputils),
//            "Request timeout for icmp_seq 0" (BSD), "ping: connect: Network is unreachable" (iputils,
//            no route: nothing was sent, so nothing else is printed); a killed ping prints no summary at all.
import type { PingReply, PingResult } from '../../contract/lab-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { isPromptLine, quoteLine } from './text-input';

const HEADER = /^PING\s+(\S+?)\s*\(([^()]+)\)(:?)\s+(\d+)(?:\((\d+)\))?\s+(?:data\s+)?bytes/;
/** An optional "[1700000000.123456] " prefix is iputils' `-D` timestamp. */
const REPLY = /^(?:\[\d+\.\d+\]\s*)?(\d+) bytes from (.+?): (icmp_[rs]eq|seq)=(\d+)(?: ttl=(\d+))?(?: time[=<]([\d.]+)\s*ms)?(.*)$/;
/** BSD/macOS ping6: source and destination address, no name. */
const HEADER_PING6 = /^PING6\(\d+=[\d+]+ bytes\) (\S+) --> (\S+)$/;
const REPLY_PING6 = /^(\d+) bytes from (\S+?), icmp_seq=(\d+)(?: hlim=(\d+))?(?: time=([\d.]+) ms)?(.*)$/;
const FROM_NAMED = /^(.+?) \(([^()]+)\)$/;
const ERROR_FROM = /^(?:\[\d+\.\d+\]\s*)?From \S+.*(?:icmp_seq|seq)=\d+/;
const BSD_ERROR_REPLY = /^\d+ bytes from \S+: (?:Destination|Time to live|Redirect|Frag|Source|Parameter|Communication)/;
const STATISTICS_HEADER = /^--- (.+) ping6? statistics ---$/;
const TRANSMITTED = /^(\d+) packets transmitted, (\d+)(?: packets)? received/;
const ROUND_TRIP = /^(rtt|round-trip) min\/avg\/max(\/(?:mdev|stddev|std-dev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/([\d.]+))? ?ms/;
const RESOLUTION_FAILURES: [RegExp, string][] = [
  [/^ping: (.+?): (?:Name or service not known|Temporary failure in name resolution|No address associated with hostname|Name does not resolve)$/, 'iputils'],
  [/^ping: unknown host (.+)$/, 'iputils'],
  [/^ping: bad address '(.+)'$/, 'busybox'],
  [/^ping: cannot resolve (.+?): Unknown host$/, 'bsd'],
];
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** A partial line longer than this is not ping output (binary on the pipe); it is cut and reported. */
const MAX_LINE_CHARS = 64 * 1024;

export interface PingStreamUpdate {
  replies: PingReply[];
  errors: string[];
}

export interface PingStream {
  /** Feed the next chunk of output (any split, even mid-line); returns the replies and errors it completed. */
  push(chunk: string): PingStreamUpdate;
  /** End of output: reads a last unterminated line and returns the whole result. */
  finish(): ParseResult<PingResult>;
}

export function emptyPingResult(): PingResult {
  return {
    target: null,
    address: null,
    transmitted: null,
    received: null,
    lossPercent: null,
    totalTimeMs: null,
    rtt: null,
    replies: [],
    errors: [],
    complete: false,
    implementation: null,
  };
}

export function createPingStream(): PingStream {
  const result = emptyPingResult();
  const problems: ParseProblem[] = [];
  let pending = '';
  let lineNumber = 0;
  let sawHeader = false;
  let sawStatistics = false;
  let secondRunAt: number | null = null;
  let recognised = 0;
  let unrecognised = 0;
  let reportedEncoding = false;

  const readLine = (raw: string, update: PingStreamUpdate) => {
    lineNumber += 1;
    if (secondRunAt !== null) return;
    const text = raw.replace(ANSI_ESCAPE, '').replace(CONTROL_CHARACTERS, '').trim();
    if (text === '' || text === '^C' || isPromptLine(text)) return;
    if (!reportedEncoding && text.includes('\ufffd')) {
      reportedEncoding = true;
      problems.push(problem(lineNumber, 'the output was not valid UTF-8 (replacement characters); those characters are lost'));
    }

    /** A header starts the run; a second header is a second ping, not read. False then. */
    const startsRun = (): boolean => {
      if (sawHeader) {
        secondRunAt = lineNumber;
        problems.push(problem(lineNumber, 'a second ping starts here; only the first one is read'));
        return false;
      }
      sawHeader = true;
      recognised += 1;
      return true;
    };
    const header = HEADER.exec(text);
    if (header) {
      if (!startsRun()) return;
      result.target = header[1]!;
      result.address = header[2]!;
      // "(addr): 56 data bytes" is BusyBox or BSD; the replies or summary tell which.
      if (header[3] !== ':' || header[5] !== undefined) result.implementation = 'iputils';
      return;
    }
    const header6 = HEADER_PING6.exec(text);
    if (header6) {
      if (!startsRun()) return;
      // The header names addresses only; the statistics line names the target as typed.
      result.address = header6[2]!;
      result.implementation = 'bsd';
      return;
    }
    const reply6 = REPLY_PING6.exec(text);
    if (reply6) {
      recognised += 1;
      const parsed: PingReply = {
        seq: Number(reply6[3]),
        ttl: reply6[4] === undefined ? null : Number(reply6[4]),
        timeMs: reply6[5] === undefined ? null : Number(reply6[5]),
        from: reply6[2]!,
        bytes: Number(reply6[1]),
        duplicate: /\(DUP!\)/.test(reply6[6] ?? ''),
      };
      result.implementation ??= 'bsd';
      result.replies.push(parsed);
      update.replies.push(parsed);
      return;
    }
    const reply = REPLY.exec(text);
    if (reply) {
      recognised += 1;
      const from = reply[2]!;
      const parsed: PingReply = {
        seq: Number(reply[4]),
        ttl: reply[5] === undefined ? null : Number(reply[5]),
        timeMs: reply[6] === undefined ? null : Number(reply[6]),
        from: FROM_NAMED.exec(from)?.[2] ?? from,
        bytes: Number(reply[1]),
        duplicate: /\(DUP!\)/.test(reply[7] ?? ''),
      };
      if (reply[3] === 'seq') result.implementation = 'busybox';
      // After a "(addr): 56 data bytes" header (BusyBox or BSD), "icmp_seq=" is BSD's.
      else if (result.implementation === null && reply[3] === 'icmp_seq' && sawHeader) result.implementation = 'bsd';
      result.replies.push(parsed);
      update.replies.push(parsed);
      return;
    }
    if (ERROR_FROM.test(text) || BSD_ERROR_REPLY.test(text) || /^Request timeout for icmp_seq/.test(text) || text.startsWith('ping: ')) {
      recognised += 1;
      for (const [pattern, implementation] of RESOLUTION_FAILURES) {
        const match = pattern.exec(text);
        if (match) {
          result.target ??= match[1]!;
          result.implementation ??= implementation;
        }
      }
      if (/^Request timeout/.test(text)) result.implementation ??= 'bsd';
      if (ERROR_FROM.test(text) || /^ping: connect: /.test(text)) result.implementation ??= 'iputils';
      result.errors.push(text);
      update.errors.push(text);
      return;
    }
    const statistics = STATISTICS_HEADER.exec(text);
    if (statistics) {
      recognised += 1;
      sawStatistics = true;
      result.target ??= statistics[1]!;
      return;
    }
    const transmitted = TRANSMITTED.exec(text);
    if (transmitted) {
      recognised += 1;
      result.transmitted = Number(transmitted[1]);
      result.received = Number(transmitted[2]);
      result.lossPercent = Number(/([\d.]+)% packet loss/.exec(text)?.[1] ?? NaN);
      if (Number.isNaN(result.lossPercent)) result.lossPercent = null;
      const time = /time (\d+)ms/.exec(text);
      result.totalTimeMs = time ? Number(time[1]) : null;
      result.complete = true;
      // iputils: "3 received"; BusyBox: "3 packets received, 0% …"; BSD: "… 0.0% packet loss".
      if (!/packets received/.test(text)) result.implementation = 'iputils';
      else result.implementation ??= /\d\.\d+% packet loss/.test(text) ? 'bsd' : 'busybox';
      return;
    }
    const roundTrip = ROUND_TRIP.exec(text);
    if (roundTrip) {
      recognised += 1;
      result.rtt = { min: Number(roundTrip[3]), avg: Number(roundTrip[4]), max: Number(roundTrip[5]), mdev: roundTrip[6] === undefined ? null : Number(roundTrip[6]) };
      if (roundTrip[1] === 'rtt') result.implementation = 'iputils';
      else result.implementation = roundTrip[2] === '/stddev' || roundTrip[2] === '/std-dev' ? 'bsd' : 'busybox';
      return;
    }
    unrecognised += 1;
    problems.push(problem(lineNumber, `not ping output: ${quoteLine(text)}`));
  };

  return {
    push(chunk: string): PingStreamUpdate {
      const update: PingStreamUpdate = { replies: [], errors: [] };
      pending += typeof chunk === 'string' ? chunk : '';
      const parts = pending.split(/\r\n|\n|\r(?!$)/);
      pending = parts.pop() ?? '';
      if (pending.length > MAX_LINE_CHARS) {
        problems.push(problem(lineNumber + 1, `a line of ${pending.length} characters is not ping output; dropped`));
        pending = '';
      }
      for (const part of parts) readLine(part, update);
      return update;
    },
    finish(): ParseResult<PingResult> {
      if (pending !== '') readLine(pending.replace(/\r$/, ''), { replies: [], errors: [] });
      pending = '';
      if (sawHeader && !sawStatistics && result.errors.length === 0) {
        problems.push(problem(null, 'the ping stopped before printing its statistics (killed, or still running when captured)'));
      }
      const nothingRead = recognised === 0;
      if (nothingRead && unrecognised === 0) problems.push(problem(null, 'the ping output is empty'));
      const format = nothingRead ? UNREADABLE : (result.implementation ?? 'text');
      return { value: structuredCloneResult(result), format, problems: [...problems] };
    },
  };
}

function structuredCloneResult(result: PingResult): PingResult {
  return { ...result, rtt: result.rtt ? { ...result.rtt } : null, replies: result.replies.map((reply) => ({ ...reply })), errors: [...result.errors] };
}

export function parsePing(text: string): ParseResult<PingResult> {
  const stream = createPingStream();
  stream.push(typeof text === 'string' ? text : '');
  return stream.finish();
}
