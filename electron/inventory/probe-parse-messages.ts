// What the core and the parsing worker (probe-parse-worker.ts) say to each other.
import type { ParseResult } from '../probes/parsers/parse-result';

export interface ParseRequest {
  jobId: number;
  probeId: string;
  text: string;
}

export type ParseAnswer =
  | { jobId: number; result: ParseResult<unknown>; nullPrototypes: number[] }
  /** The probe is not in the catalog, or its parser threw (parsers are written never to). */
  | { jobId: number; failure: string };
