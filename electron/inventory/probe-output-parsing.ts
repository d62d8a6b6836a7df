// Where a probe's output is parsed: small outputs on the core's thread, as always; big ones on the
// parsing worker, within a time bound, so a 20 MB `lxc list` or a hostile output never holds the
// terminals' output and every request while it is read.
import type { ProbeKind, ProbeModels } from '../contract/probe-models';
import type { ParseResult } from '../probes/parsers/parse-result';
import type { AnyProbeDefinition } from '../probes/probe-definition';
import { parsesAsCatalog } from './catalog-probe-by-id';
import { PARSE_TIME_LIMIT_MS, ProbeParsePool } from './probe-parse-pool';
import { probeParseWorkerExists } from './probe-parse-worker-file';

/**
 * Outputs shorter than this (in characters) parse inline. An `lxc list --format json` this size
 * (~70 instances) parses in about 1 ms here, while a trip to the worker and back costs ~9 ms: below
 * it the worker buys nothing. Above it a parse can take long enough to matter (a 2 MB nova.conf
 * takes a second), and a hostile output could take any time.
 */
export const INLINE_PARSE_LIMIT_CHARS = 256 * 1024;

let sharedPool: ProbeParsePool | null = null;
/** Whether the worker's file is there, looked up once. */
let workerFound: boolean | null = null;

export interface OutputParsing {
  pool?: ProbeParsePool;
  timeLimitMs?: number;
}

/** The probe's parse of its output; rejects with a ConsoleError in words if the parse was stopped. */
export async function parseProbeOutput(probe: AnyProbeDefinition, text: string, command: string, { pool, timeLimitMs = PARSE_TIME_LIMIT_MS }: OutputParsing = {}): Promise<ParseResult<ProbeModels[ProbeKind]>> {
  // A probe made outside the catalog (a test's) has a parser the worker cannot name: inline.
  if (text.length < INLINE_PARSE_LIMIT_CHARS || !parsesAsCatalog(probe)) return probe.parse(text);
  if (!pool && !(workerFound ??= probeParseWorkerExists())) return probe.parse(text);
  const parsing = pool ?? (sharedPool ??= new ProbeParsePool());
  return (await parsing.parse({ probeId: probe.id, command, text }, timeLimitMs)) as ParseResult<ProbeModels[ProbeKind]>;
}
