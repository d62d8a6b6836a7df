// "Export for support" across the UI/core boundary: a snapshot of the lab shown, written as a
// bundle for support (every secret masked; addresses, hostnames and MACs obfuscated if asked), with
// a README inside saying what it holds, and the mapping back to real values kept on this machine.
import * as v from 'valibot';
import type { CaptureProgress } from './snapshot-capture';
import { SnapshotSavePath } from './snapshot-capture';

export const SupportBundleExportRequest = v.object({
  /** The bundle to write: a full path ending in .obxsnap (it opens like any snapshot). */
  path: SnapshotSavePath,
  /** Replace addresses, hostnames and MACs consistently (the mapping is written beside, never inside). */
  obfuscate: v.boolean('say whether to obfuscate: obfuscate is true or false'),
});

export type SupportBundleStep = 'reading-lab' | 'masking' | 'obfuscating' | 'writing';

/** How far an export has got (support.progress). */
export interface SupportBundleProgress {
  /** The bundle it will write (absolute). */
  path: string;
  step: SupportBundleStep;
  /** While a live lab is read: the capture's own progress. */
  capture: CaptureProgress | null;
  elapsedMs: number;
}

/** What was replaced by obfuscation: distinct values, and how often they appeared. */
export interface ObfuscationSummary {
  networks: number;
  addresses: number;
  macs: number;
  hostnames: number;
  domains: number;
  /** Machine names left as they are because they are also words of the lab ("juju", a charm). */
  hostnamesLeftAsIs: string[];
  /** Occurrences replaced in the whole bundle. */
  replacements: number;
}

/** A bundle written: where, what it holds, what was masked and obfuscated, and where the mapping went. */
export interface SupportBundleExported {
  path: string;
  /** The mapping from obfuscated values back to real ones (on this machine only), or null without obfuscation. */
  mappingPath: string | null;
  /** The lab's name as the bundle says it ("lab1" when obfuscated). */
  bundleLabName: string;
  /** Where the content came from: a live capture, the snapshot shown, or the demo. */
  source: 'live' | 'snapshot' | 'demo';
  bytes: number;
  machines: number;
  commands: number;
  recordings: number;
  /** Masked values the bundle holds (••••••), whoever masked them. */
  masked: number;
  /** Of those, masked by the export itself (secrets a capture had not masked: recordings, older files). */
  maskedByExport: number;
  /** Which files had values masked, said for people ("nova.conf on machine 22: 4 values"). */
  maskedWhere: string[];
  obfuscation: ObfuscationSummary | null;
  durationMs: number;
}

/** The mapping file's name beside its bundle: says what it is, and that it stays here. */
export const MAPPING_FILE_SUFFIX = '.private-mapping.json';
