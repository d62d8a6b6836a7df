// The bytes of a snapshot file → its content, or a ConsoleError that names the one problem found
// (docs/snapshot-format.md, "Bad files"). In order: is it a zip at all, is its table of contents
// within bounds and free of crafted names (snapshot-archive.ts), is there an OrangeBox manifest,
// is its format one this console reads, do the archive and the manifest agree, does every entry
// match its SHA-256, and does every JSON entry have the shape it must.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotContent, type SnapshotRecording } from '../contract/snapshot';
import { describeIssues } from '../contract/validation';
import { openSnapshotArchive, quoteName, snapshotUnreadable, type SnapshotArchive } from './snapshot-archive';
import {
  CommandsSchema,
  DiagnosticsSchema,
  InventorySchema,
  LabSchema,
  MetaSchema,
  RecordingIndexSchema,
  RoutesSchema,
} from './snapshot-entry-schemas';
import { JSON_ENTRIES, MANIFEST_ENTRY, RECORDING_ENTRY_NAME, SNAPSHOT_FORMAT_NAME, SnapshotManifestSchema, type SnapshotManifest } from './snapshot-layout';

/** A hash quoted in a message is cut to this: enough to compare with `sha256sum` by eye. */
const QUOTED_HASH_LENGTH = 12;

/** What the parts of a snapshot are read with, and what each is called in a message. */
const ENTRY_SHAPES = {
  meta: { schema: MetaSchema, what: "a snapshot's meta" },
  lab: { schema: LabSchema, what: 'a lab' },
  routes: { schema: RoutesSchema, what: 'a list of machine routes' },
  commands: { schema: CommandsSchema, what: 'a list of commands' },
  inventory: { schema: InventorySchema, what: 'a lab inventory' },
  diagnostics: { schema: DiagnosticsSchema, what: 'the latest ping runs' },
  recordings: { schema: RecordingIndexSchema, what: 'an index of recordings' },
} as const;

/** How much of the file is read before it is handed over. */
export interface SnapshotDecoding {
  /**
   * 'at-once' (the default): every entry is parsed and shape-checked before the content is given.
   * 'when-asked' (opening it to show): commands.json, the largest entry, is checked against its
   * SHA-256 and as UTF-8 at once, and parsed and shape-checked the first time `commands` is read;
   * a misshapen one then throws the same 'snapshot-unreadable' error there. Opening a snapshot
   * shows its stored inventory, so its commands are read only when something runs one.
   */
  commands?: 'at-once' | 'when-asked';
}

/** `label` names the file in messages: its path, or "this file". */
export async function decodeSnapshotBytes(bytes: Buffer, label: string, decoding: SnapshotDecoding = {}): Promise<SnapshotContent> {
  const archive = await openSnapshotArchive(bytes, label);
  const manifest = await readManifest(archive, label);
  const listed = checkArchiveAgainstManifest(archive, manifest, label);

  const shaped = <K extends keyof typeof ENTRY_SHAPES>(key: K, bytes: Buffer): v.InferOutput<(typeof ENTRY_SHAPES)[K]['schema']> => {
    const name = JSON_ENTRIES[key];
    const { schema, what } = ENTRY_SHAPES[key];
    return parseShape(schema, parseJson(bytes, name, label), name, what, label);
  };
  const entry = async <K extends keyof typeof ENTRY_SHAPES>(key: K) => shaped(key, await readChecked(archive, listed, JSON_ENTRIES[key], label));
  const inventoryEntry = async () => {
    const name = JSON_ENTRIES.inventory;
    // TextDecoder drops a leading byte-order mark, which an editor may have added.
    const text = decodeUtf8(await readChecked(archive, listed, name, label), name, label);
    const inventory = parseShape(InventorySchema, parseJsonText(text, name, label), name, ENTRY_SHAPES.inventory.what, label);
    inventoryTexts.set(inventory, text);
    return inventory;
  };
  const commandsWhenAsked = async () => {
    const bytes = await readChecked(archive, listed, JSON_ENTRIES.commands, label);
    if (!isUtf8(bytes)) throw notUtf8(JSON_ENTRIES.commands, label);
    return () => shaped('commands', bytes);
  };
  const [meta, lab, routes, commands, inventory, diagnostics, recordingIndex] = await Promise.all([
    entry('meta'),
    entry('lab'),
    entry('routes'),
    decoding.commands === 'when-asked' ? commandsWhenAsked() : entry('commands'),
    inventoryEntry(),
    entry('diagnostics'),
    entry('recordings'),
  ]);
  if (meta.formatVersion !== manifest.formatVersion) {
    throw snapshotUnreadable(label, `is damaged: ${JSON_ENTRIES.meta} says format ${meta.formatVersion} and ${MANIFEST_ENTRY} says format ${manifest.formatVersion}`);
  }
  const recordings = await readRecordings(archive, listed, recordingIndex, label);

  // The schemas check the essentials and let the rest through unchanged; deeper shapes (a probe's
  // model) are read by their own code, as from a live lab.
  const content = { meta, lab, routes, inventory, diagnostics, recordings } as unknown as SnapshotContent;
  if (typeof commands !== 'function') return { ...content, commands: commands as SnapshotContent['commands'] };
  let parsed: SnapshotContent['commands'] | null = null;
  return Object.defineProperty(content, 'commands', {
    enumerable: true,
    get: () => (parsed ??= commands() as SnapshotContent['commands']),
    set: (value: SnapshotContent['commands']) => (parsed = value),
  });
}

async function readManifest(archive: SnapshotArchive, label: string): Promise<SnapshotManifest> {
  if (!archive.names.includes(MANIFEST_ENTRY)) {
    const nested = archive.names.find((name) => name.endsWith(`/${MANIFEST_ENTRY}`));
    if (nested) {
      throw snapshotUnreadable(
        label,
        `is not an OrangeBox snapshot (no ${MANIFEST_ENTRY} at its top): its ${MANIFEST_ENTRY} is in the folder ${quoteName(nested.slice(0, -MANIFEST_ENTRY.length))}. Was a snapshot unpacked and zipped again? Open the original .obxsnap file`,
      );
    }
    const shown = archive.names.slice(0, 3).map(quoteName).join(', ');
    const more = archive.names.length > 3 ? `, and ${archive.names.length - 3} more` : '';
    const holding = archive.names.length === 0 ? 'an empty zip archive' : `a zip archive of ${shown}${more}`;
    throw snapshotUnreadable(label, `is not an OrangeBox snapshot (no ${MANIFEST_ENTRY}): it is ${holding}`);
  }

  const raw = parseJson(await archive.read(MANIFEST_ENTRY), MANIFEST_ENTRY, label);
  const header = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  if (header.format !== SNAPSHOT_FORMAT_NAME) {
    throw snapshotUnreadable(label, `is not an OrangeBox snapshot: its ${MANIFEST_ENTRY} is another tool's (it does not say "format": "${SNAPSHOT_FORMAT_NAME}")`);
  }
  // Before the manifest's shape: a newer format may have changed it, and "update the console" is the answer then.
  const version = header.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > SNAPSHOT_FORMAT_VERSION) {
    throw snapshotUnreadable(
      label,
      `was written by a newer console (format ${version}); this console reads format ${SNAPSHOT_FORMAT_VERSION} — update the console${typeof header.consoleVersion === 'string' ? ` (it was written by ${header.consoleVersion.slice(0, 40)})` : ''}`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw snapshotUnreadable(label, `is damaged: its ${MANIFEST_ENTRY} gives no format version this console knows (formatVersion ${JSON.stringify(version) ?? 'is missing'}; format ${SNAPSHOT_FORMAT_VERSION} is current)`);
  }
  const checked = v.safeParse(SnapshotManifestSchema, raw);
  if (!checked.success) throw snapshotUnreadable(label, `is damaged: its ${MANIFEST_ENTRY} is not a snapshot manifest (${describeIssues(checked.issues)})`);
  return checked.output;
}

/** The archive and its manifest must agree entry for entry before anything else is inflated. */
function checkArchiveAgainstManifest(archive: SnapshotArchive, manifest: SnapshotManifest, label: string): Map<string, SnapshotManifest['entries'][number]> {
  const listed = new Map<string, SnapshotManifest['entries'][number]>();
  for (const item of manifest.entries) {
    if (listed.has(item.name)) throw snapshotUnreadable(label, `is damaged: its ${MANIFEST_ENTRY} lists ${quoteName(item.name)} twice`);
    listed.set(item.name, item);
  }
  for (const name of archive.names) {
    if (name === MANIFEST_ENTRY) continue;
    const item = listed.get(name);
    if (!item) {
      throw snapshotUnreadable(
        label,
        `is refused: it holds ${quoteName(name)}, which its ${MANIFEST_ENTRY} does not list. The archive was changed after the snapshot was written; open the original file`,
      );
    }
    const declared = archive.declaredBytes(name);
    if (declared !== item.bytes) {
      throw snapshotUnreadable(label, `is damaged: ${quoteName(name)} says it is ${declared} bytes and ${MANIFEST_ENTRY} says ${item.bytes}. Copy the file again`);
    }
  }
  const missing = [...listed.keys()].filter((name) => !archive.names.includes(name));
  if (missing.length > 0) {
    throw snapshotUnreadable(label, `is incomplete: ${MANIFEST_ENTRY} lists ${missing.map(quoteName).join(', ')}, which the archive does not hold. Copy the file again`);
  }
  const required = Object.values(JSON_ENTRIES).filter((name) => !listed.has(name));
  if (required.length > 0) {
    throw snapshotUnreadable(label, `is incomplete: it has no ${required.join(', ')}, which every format-${SNAPSHOT_FORMAT_VERSION} snapshot holds`);
  }
  return listed;
}

/** An entry's bytes, once they match the SHA-256 the manifest gives. */
async function readChecked(archive: SnapshotArchive, listed: Map<string, SnapshotManifest['entries'][number]>, name: string, label: string): Promise<Buffer> {
  const expected = listed.get(name)!.sha256;
  const bytes = await archive.read(name);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) {
    throw snapshotUnreadable(
      label,
      `is damaged: ${name} does not match its SHA-256 in ${MANIFEST_ENTRY} (listed ${expected.slice(0, QUOTED_HASH_LENGTH)}…, read ${actual.slice(0, QUOTED_HASH_LENGTH)}…). It was changed or corrupted after it was written; copy the file again`,
    );
  }
  return bytes;
}

const notUtf8 = (name: string, label: string) => snapshotUnreadable(label, `is damaged: ${name} is not UTF-8 text (a snapshot writes every entry as UTF-8)`);

/** `keepByteOrderMark`: a recording's text comes back exactly as it was written. */
function decodeUtf8(bytes: Buffer, name: string, label: string, keepByteOrderMark = false): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepByteOrderMark }).decode(bytes);
  } catch {
    throw notUtf8(name, label);
  }
}

function parseJson(bytes: Buffer, name: string, label: string): unknown {
  // TextDecoder drops a leading byte-order mark, which an editor may have added.
  return parseJsonText(decodeUtf8(bytes, name, label), name, label);
}

function parseJsonText(text: string, name: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw snapshotUnreadable(label, `is damaged: ${name} is not valid JSON (${(error as Error).message.slice(0, 200)})`);
  }
}

/** inventory.json's text, by the inventory decoded from it (see storedInventoryText). */
const inventoryTexts = new WeakMap<object, string>();

/**
 * The text of the inventory.json an inventory was decoded from: JSON.parse of it deep-equals the
 * inventory (the schema lets every field through unchanged). An opened snapshot sends it to the
 * page rather than serialising the same tens of MB again.
 */
export function storedInventoryText(inventory: object): string | undefined {
  return inventoryTexts.get(inventory);
}

function parseShape<S extends v.GenericSchema>(schema: S, raw: unknown, name: string, what: string, label: string): v.InferOutput<S> {
  const checked = v.safeParse(schema, raw);
  if (!checked.success) throw snapshotUnreadable(label, `is damaged: ${name} does not hold ${what} (${describeIssues(checked.issues)})`);
  return checked.output;
}

async function readRecordings(
  archive: SnapshotArchive,
  listed: Map<string, SnapshotManifest['entries'][number]>,
  index: v.InferOutput<typeof RecordingIndexSchema>,
  label: string,
): Promise<SnapshotRecording[]> {
  const seen = new Set<string>();
  for (const { entry } of index) {
    if (!RECORDING_ENTRY_NAME.test(entry)) throw snapshotUnreadable(label, `is damaged: ${JSON_ENTRIES.recordings} names ${quoteName(entry)}, which is not a recording entry`);
    if (seen.has(entry)) throw snapshotUnreadable(label, `is damaged: ${JSON_ENTRIES.recordings} names ${quoteName(entry)} twice`);
    if (!listed.has(entry)) throw snapshotUnreadable(label, `is incomplete: ${JSON_ENTRIES.recordings} names ${quoteName(entry)}, which ${MANIFEST_ENTRY} does not list`);
    seen.add(entry);
  }
  return Promise.all(
    index.map(async ({ name, title, entry }) => ({ name, title, cast: decodeUtf8(await readChecked(archive, listed, entry, label), entry, label, true) })),
  );
}
