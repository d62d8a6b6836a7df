// What the page says about a support bundle being exported or exported: its progress in a line, and
// the summary an engineer reads at the end (what was written, masked and obfuscated, where the
// mapping is).
import type { ObfuscationSummary, SupportBundleExported, SupportBundleProgress } from '../../electron/contract/support-bundle';
import { describeCaptureProgress, describeFileSize, fileNameOf } from '../snapshots/snapshot-summary';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const STEP_WORDS: Record<SupportBundleProgress['step'], string> = {
  'reading-lab': 'Reading the lab',
  masking: 'Masking secrets',
  obfuscating: 'Obfuscating addresses, hostnames and MACs',
  writing: 'Writing the bundle',
};

/** "Reading the lab — Machines read: 3 of 7 · …", "Obfuscating addresses, hostnames and MACs…". */
export function describeExportProgress(progress: SupportBundleProgress): string {
  if (progress.step === 'reading-lab' && progress.capture) return `${STEP_WORDS['reading-lab']} — ${describeCaptureProgress({ ...progress.capture, path: progress.path })}`;
  return `${STEP_WORDS[progress.step]}… ${(progress.elapsedMs / 1000).toFixed(1)} s`;
}

/** "Exported support-bundle-….obxsnap (126 KiB) in 0.4 s — 18 values masked". */
export function describeExported(exported: SupportBundleExported): string {
  return `Exported ${fileNameOf(exported.path)} (${describeFileSize(exported.bytes)}) in ${(exported.durationMs / 1000).toFixed(1)} s — ${plural(exported.masked, 'value')} masked`;
}

/** Where the content came from, and what it holds. */
export function describeExportedContents(exported: SupportBundleExported): string {
  const from = exported.source === 'live' ? 'read from the live lab now' : exported.source === 'demo' ? 'the demo lab' : 'the snapshot shown';
  return `${exported.bundleLabName}, ${from}: ${plural(exported.machines, 'machine')} · ${plural(exported.commands, 'command')} · ${plural(exported.recordings, 'recording')}`;
}

/** "27 addresses in 1 network, 50 MACs, 5 hostnames, 0 domains replaced (752 times)". */
export function describeObfuscation(summary: ObfuscationSummary): string {
  return `${plural(summary.addresses, 'address', 'addresses')} in ${plural(summary.networks, 'network')}, ${plural(summary.macs, 'MAC')}, ${plural(summary.hostnames, 'hostname')} and ${plural(summary.domains, 'domain')} replaced (${plural(summary.replacements, 'time')})`;
}
