// A support bundle: a snapshot made to be handed to support. Every secret masked (again, whatever
// the snapshot it comes from), optionally every address, hostname and MAC obfuscated, a README.txt
// inside saying what it holds and what was masked, and, when obfuscated, the mapping back to the
// real values written to a separate file on this machine, never into the bundle.
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ConsoleError } from '../../contract/console-errors';
import type { SnapshotContent } from '../../contract/snapshot';
import { MAPPING_FILE_SUFFIX, type ObfuscationSummary, type SupportBundleStep } from '../../contract/support-bundle';
import { SNAPSHOT_EXTENSION } from '../../contract/snapshot';
import { APP_VERSION } from '../../core/app-identity';
import { writeSnapshotFile } from '../snapshot-file';
import { ENTRY_HOLDS, JSON_ENTRIES, recordingEntryName, recordingHolds, type JsonEntryKey } from '../snapshot-layout';
import { bundleReadme, README_ENTRY, README_HOLDS } from './bundle-readme';
import { countMasks, maskBundleContent } from './bundle-masking';
import { SECRET_MASK } from '../../probes/parsers/secret-masking';
import { obfuscateContent, type ObfuscationMapping } from './content-obfuscation';

/** The mapping holds the customer's real addresses and names: owner-only, like a snapshot. */
const MAPPING_FILE_MODE = 0o600;
export const MAPPING_FORMAT_NAME = 'orangebox-console-support-mapping';
const MAPPING_FORMAT_VERSION = 1;

export interface SupportBundleOptions {
  obfuscate: boolean;
  /** Where the mapping goes (obfuscation only); beside the bundle by default (mappingPathFor). */
  mappingPath?: string;
  onStep?: (step: SupportBundleStep) => void;
  now?: () => Date;
}

export interface SupportBundleWritten {
  path: string;
  mappingPath: string | null;
  bytes: number;
  /** The bundle's content as written (masked, obfuscated when asked). */
  content: SnapshotContent;
  masked: number;
  maskedByExport: number;
  maskedWhere: string[];
  obfuscation: ObfuscationSummary | null;
}

/** "~/x/lab-support.obxsnap" → "~/x/lab-support.private-mapping.json". */
export function mappingPathFor(bundlePath: string): string {
  const base = bundlePath.toLowerCase().endsWith(SNAPSHOT_EXTENSION) ? bundlePath.slice(0, -SNAPSHOT_EXTENSION.length) : bundlePath;
  return `${base}${MAPPING_FILE_SUFFIX}`;
}

/** Refuses before any work: no folder, or a bundle or mapping that exists already (never overwritten). */
export async function checkBundleTargets(path: string, mappingPath: string | null): Promise<void> {
  const folder = dirname(path);
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) throw new ConsoleError('snapshot-unwritable', `cannot write the bundle ${path}: the folder ${folder} does not exist. Create it, or choose another folder.`);
  if (await stat(path).catch(() => null)) throw new ConsoleError('snapshot-unwritable', `${path} already exists: the console does not overwrite a file. Choose another name.`);
  if (mappingPath === null) return;
  if (mappingPath === path) throw new ConsoleError('snapshot-unwritable', 'the mapping must be written to another file than the bundle');
  const mappingFolder = dirname(mappingPath);
  if (!(await stat(mappingFolder).catch(() => null))?.isDirectory()) {
    throw new ConsoleError('snapshot-unwritable', `cannot write the mapping ${mappingPath}: the folder ${mappingFolder} does not exist. Create it, or choose another place.`);
  }
  if (await stat(mappingPath).catch(() => null)) {
    throw new ConsoleError('snapshot-unwritable', `${mappingPath} already exists (the mapping of another bundle?): the console does not overwrite it. Choose another bundle name or mapping path.`);
  }
}

/** Masks, obfuscates if asked, and writes the bundle and (obfuscated) its mapping. */
export async function writeSupportBundle(path: string, source: SnapshotContent, options: SupportBundleOptions): Promise<SupportBundleWritten> {
  const now = options.now ?? (() => new Date());
  const mappingPath = options.obfuscate ? (options.mappingPath ?? mappingPathFor(path)) : null;
  await checkBundleTargets(path, mappingPath);

  options.onStep?.('masking');
  const masked = maskBundleContent(source);
  let content = masked.content;
  let mapping: ObfuscationMapping | null = null;
  let obfuscation: ObfuscationSummary | null = null;
  if (options.obfuscate) {
    options.onStep?.('obfuscating');
    const result = obfuscateContent(content);
    content = result.content;
    mapping = result.mapping;
    obfuscation = {
      networks: mapping.ipv4Networks.length,
      addresses: mapping.ipv4Addresses.length,
      macs: mapping.macs.length,
      hostnames: mapping.hostnames.length,
      domains: mapping.domains.length,
      hostnamesLeftAsIs: mapping.hostnamesLeftAsIs,
      replacements: result.replaced.addresses + result.replaced.macs + result.replaced.hostnames + result.replaced.labNames,
    };
  }

  options.onStep?.('writing');
  const { where: maskedWhere, total } = whereMasked(content);
  const exportedAt = now().toISOString();
  const readme = bundleReadme({ content, consoleVersion: APP_VERSION, exportedAt, masked: total, maskedWhere, obfuscation, entries: entriesOf(content) });
  await writeSnapshotFile(path, content, [{ name: README_ENTRY, text: readme, holds: README_HOLDS }]);
  const bytes = await readFile(path);
  if (mapping && mappingPath) {
    try {
      await writeMappingFile(mappingPath, { bundle: path, bundleSha256: createHash('sha256').update(bytes).digest('hex'), exportedAt, mapping });
    } catch (error) {
      // A bundle whose mapping is lost cannot be read back: it goes too.
      await rm(path, { force: true }).catch(() => {});
      throw error;
    }
  }
  return { path, mappingPath, bytes: bytes.length, content, masked: total, maskedByExport: masked.maskedNow, maskedWhere, obfuscation };
}

export interface MappingFile {
  format: typeof MAPPING_FORMAT_NAME;
  formatVersion: number;
  keepPrivate: string;
  bundle: string;
  bundleSha256: string;
  exportedAt: string;
  mapping: ObfuscationMapping;
}

async function writeMappingFile(path: string, facts: Pick<MappingFile, 'bundle' | 'bundleSha256' | 'exportedAt' | 'mapping'>): Promise<void> {
  const file: MappingFile = {
    format: MAPPING_FORMAT_NAME,
    formatVersion: MAPPING_FORMAT_VERSION,
    keepPrivate:
      'This file turns the obfuscated support bundle named below back into the real lab: its addresses, hostnames, MACs and name. It is not in the bundle. Keep it on this computer; never send it with the bundle.',
    ...facts,
  };
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', MAPPING_FILE_MODE);
    try {
      await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw new ConsoleError('snapshot-unwritable', `cannot write the mapping to ${path}: ${(error as Error).message}; the bundle was not kept`);
  }
}

/** Where the masked values are, for people (each command's output and recording that holds some), and how many in all. */
function whereMasked(content: SnapshotContent): { where: string[]; total: number } {
  const where: string[] = [];
  let total = 0;
  for (const command of content.commands) {
    const count = countMasks(command.stdout) + countMasks(command.stderr);
    total += count;
    if (count > 0) where.push(`${JSON_ENTRIES.commands}: \`${command.argv.join(' ')}\` on machine ${command.machineId}: ${count}`);
  }
  const inventoryCount = countMasksIn(content.inventory);
  total += inventoryCount + countMasksIn(content.diagnostics);
  if (inventoryCount > 0) where.push(`${JSON_ENTRIES.inventory}: ${inventoryCount} (the same files, as the probes read them)`);
  content.recordings.forEach((recording, index) => {
    const count = countMasks(recording.cast);
    total += count;
    if (count > 0) where.push(`${recordingEntryName(index, recording.name)}: ${count}`);
  });
  return { where, total };
}

/** Masked values in every string of a value (walked: serialising 13 MB to count would cost more than the export). */
function countMasksIn(value: unknown): number {
  if (typeof value === 'string') return value.length >= SECRET_MASK.length ? countMasks(value) : 0;
  let count = 0;
  if (Array.isArray(value)) for (const item of value) count += countMasksIn(item);
  else if (value !== null && typeof value === 'object') for (const key in value) count += countMasksIn((value as Record<string, unknown>)[key]);
  return count;
}

function entriesOf(content: SnapshotContent): { name: string; holds: string }[] {
  return [
    ...(Object.keys(JSON_ENTRIES) as JsonEntryKey[]).map((key) => ({ name: JSON_ENTRIES[key], holds: ENTRY_HOLDS[key] })),
    ...content.recordings.map((recording, index) => ({ name: recordingEntryName(index, recording.name), holds: recordingHolds(recording.title) })),
  ];
}
