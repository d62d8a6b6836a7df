// A snapshot's content → the bytes of its file: a zip of JSON entries and recordings with a
// manifest listing each entry's size and SHA-256 (docs/snapshot-format.md). Deterministic: the same
// content gives byte-identical files, on any machine, in any time zone (fixed entry times and modes,
// fixed order, canonical JSON, one compression level). The content is checked against the same
// schemas and bounds the reader applies, so a file this console writes is one it can open.
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { ConsoleError } from '../contract/console-errors';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotContent } from '../contract/snapshot';
import { describeIssues } from '../contract/validation';
import { canonicalJsonBytes } from './canonical-json';
import { utf8Bytes } from './utf8-bytes';
import { zipEntries } from './zip-writing';
import { entryBound, unsafeNameProblem } from './snapshot-archive';
import { CommandsSchema, DiagnosticsSchema, InventorySchema, LabSchema, MetaSchema, RoutesSchema, type RecordingIndex } from './snapshot-entry-schemas';
import {
  ENTRY_HOLDS,
  JSON_ENTRIES,
  MANIFEST_ENTRY,
  SNAPSHOT_FORMAT_NAME,
  recordingEntryName,
  recordingHolds,
  type JsonEntryKey,
  type ManifestEntry,
  type SnapshotManifest,
} from './snapshot-layout';
import { MAX_ENTRY_COUNT, MAX_SNAPSHOT_FILE_BYTES, MAX_TOTAL_INFLATED_BYTES, describeBytes, exceedsCompressionRatio } from './snapshot-limits';

/**
 * Every entry's time: 1980-01-01 00:00, the first a zip can say. Built from local-time parts, when
 * writing, because zip stores local time: the same bytes in every time zone. (No Info-ZIP UTC field
 * either, which would differ from zone to zone; see forceDosTimestamp.)
 */
const entryMtime = (): Date => new Date(1980, 0, 1, 0, 0, 0);
/** A regular file readable by its owner only, should someone unpack it: it describes a customer's lab. */
const ENTRY_MODE = 0o100600;
/** zlib's default: within 5% of level 9 on lab JSON, at under half the time (17 vs 44 ms on 3 MB). */
const COMPRESSION_LEVEL = 6;

interface PlannedEntry {
  name: string;
  data: Buffer;
  holds: string;
}

/** An entry beyond the snapshot's own (a support bundle's README.txt): listed in the manifest, read by people. */
export interface ExtraEntry {
  name: string;
  text: string;
  holds: string;
}

/** `extras` go first after the manifest (what `unzip -l` shows at the top); readers leave them unread. */
export async function encodeSnapshotContent(content: SnapshotContent, extras: readonly ExtraEntry[] = []): Promise<Buffer> {
  checkContent(content);
  const recordingIndex: RecordingIndex = content.recordings.map((recording, index) => ({
    name: recording.name,
    title: recording.title,
    entry: recordingEntryName(index, recording.name),
  }));
  const parts: Record<JsonEntryKey, unknown> = {
    meta: content.meta,
    lab: content.lab,
    routes: content.routes,
    commands: content.commands,
    inventory: content.inventory,
    diagnostics: content.diagnostics,
    recordings: recordingIndex,
  };
  const planned: PlannedEntry[] = extras.map(({ name, text, holds }) => ({ name, data: utf8Bytes(text), holds }));
  for (const { name } of extras) {
    if (name === MANIFEST_ENTRY || Object.values(JSON_ENTRIES).includes(name as never) || name.startsWith('recordings/') || unsafeNameProblem(name)) {
      throw unwritable(`an extra entry cannot be named ${JSON.stringify(name)}; this is a bug in what built the snapshot`);
    }
  }
  planned.push(...(Object.keys(JSON_ENTRIES) as JsonEntryKey[]).map((key) => ({
    name: JSON_ENTRIES[key],
    // One line per entry, newline-terminated: `unzip -p` output ends cleanly in a terminal.
    data: canonicalJsonBytes(parts[key], '\n'),
    holds: ENTRY_HOLDS[key],
  })));
  content.recordings.forEach((recording, index) => {
    planned.push({ name: recordingIndex[index]!.entry, data: utf8Bytes(recording.cast), holds: recordingHolds(recording.title) });
  });
  checkSizes(planned);

  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT_NAME,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    consoleVersion: content.meta.consoleVersion,
    labName: content.meta.labName,
    kind: content.meta.kind,
    captureStartedAt: content.meta.captureStartedAt,
    captureEndedAt: content.meta.captureEndedAt,
    entries: planned.map(({ name, data, holds }): ManifestEntry => ({ name, bytes: data.length, sha256: sha256Hex(data), holds })),
  };
  // Indented, unlike the others: the one entry a person reads first, with `unzip -p FILE manifest.json`.
  const manifestEntry: PlannedEntry = { name: MANIFEST_ENTRY, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), holds: '' };
  checkBound(manifestEntry);

  const all = [manifestEntry, ...planned];
  // Rare (a recording of one line flooded for minutes): an entry compressed past the ratio the
  // reader allows is stored as is instead, so the reader never mistakes it for a bomb.
  const bytes = await zipSnapshotEntries(all);
  if (bytes.length > MAX_SNAPSHOT_FILE_BYTES) {
    throw unwritable(`it would be ${describeBytes(bytes.length)}, more than the ${describeBytes(MAX_SNAPSHOT_FILE_BYTES)} a snapshot may be; leave out some recordings`);
  }
  return bytes;
}

const unwritable = (problem: string) => new ConsoleError('snapshot-unwritable', `cannot write the snapshot: ${problem}`);

const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The checks the reader makes of each JSON entry, made before writing. */
function checkContent(content: SnapshotContent): void {
  if (content.meta.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw unwritable(`its meta says format ${content.meta.formatVersion}, and this console writes format ${SNAPSHOT_FORMAT_VERSION}`);
  }
  const checks: [string, v.GenericSchema, unknown][] = [
    [JSON_ENTRIES.meta, MetaSchema, content.meta],
    [JSON_ENTRIES.lab, LabSchema, content.lab],
    [JSON_ENTRIES.routes, RoutesSchema, content.routes],
    [JSON_ENTRIES.commands, CommandsSchema, content.commands],
    [JSON_ENTRIES.inventory, InventorySchema, content.inventory],
    [JSON_ENTRIES.diagnostics, DiagnosticsSchema, content.diagnostics],
  ];
  for (const [entry, schema, value] of checks) {
    const result = v.safeParse(schema, value);
    if (!result.success) throw unwritable(`its ${entry} would not open again (${describeIssues(result.issues)}); this is a bug in what built the snapshot`);
  }
}

function checkBound(entry: PlannedEntry): void {
  const bound = entryBound(entry.name);
  if (entry.data.length > bound) {
    throw unwritable(`${entry.name} would be ${describeBytes(entry.data.length)}, more than the ${describeBytes(bound)} such an entry may be`);
  }
}

function checkSizes(planned: readonly PlannedEntry[]): void {
  // +1: the manifest.
  if (planned.length + 1 > MAX_ENTRY_COUNT) {
    throw unwritable(`it would hold ${planned.length + 1} entries, more than the ${MAX_ENTRY_COUNT} a snapshot may hold; leave out some recordings`);
  }
  let total = 0;
  for (const entry of planned) {
    checkBound(entry);
    total += entry.data.length;
  }
  if (total > MAX_TOTAL_INFLATED_BYTES) {
    throw unwritable(`its entries would be ${describeBytes(total)} in all, more than the ${describeBytes(MAX_TOTAL_INFLATED_BYTES)} a snapshot may hold; leave out some recordings`);
  }
}

/** The zip of the entries; one compressed past the ratio the reader allows is stored as is instead. */
function zipSnapshotEntries(entries: readonly PlannedEntry[]): Promise<Buffer> {
  const toWrite = entries.map(({ name, data }) => ({ name, data, compressionLevel: COMPRESSION_LEVEL }));
  return zipEntries(toWrite, { mtime: entryMtime(), mode: ENTRY_MODE }, exceedsCompressionRatio);
}
