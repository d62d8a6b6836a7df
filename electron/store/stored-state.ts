// What the console keeps between runs (saved labs, settings, the recordings it wrote or opened),
// its schema, and how a damaged copy is salvaged: every readable lab, setting and recording is
// kept, the rest is reported, never silently lost.
import * as v from 'valibot';
import { SavedLab, Settings, defaultSettings, LabId, type SavedLab as SavedLabValue } from '../contract/payloads';
import { KnownRecording } from '../contract/recordings';
import { MAX_RECENT_SNAPSHOTS, RecentSnapshot } from '../contract/snapshot-capture';
import { describeIssues } from '../contract/validation';
import { OpenStackCreated } from '../contract/openstack-actions';
import { MAX_REMEMBERED_RECORDINGS } from '../terminals/recording-catalog';

export const STORED_STATE_VERSION = 1;

export const StoredState = v.object({
  schemaVersion: v.literal(STORED_STATE_VERSION),
  settings: Settings,
  labs: v.array(SavedLab),
  lastLabId: v.nullable(LabId),
  /** Newest first, at most MAX_REMEMBERED_RECORDINGS. Absent in files from before it existed. */
  recordings: v.optional(v.array(KnownRecording), []),
  /** Snapshots opened or saved, newest first, at most MAX_RECENT_SNAPSHOTS. Absent in older files. */
  recentSnapshots: v.optional(v.array(RecentSnapshot), []),
  /** What the console created in each lab's OpenStack (ids and names, never credentials). Absent in older files. */
  openstackCreated: v.optional(v.array(OpenStackCreated), []),
});
export type StoredState = v.InferOutput<typeof StoredState>;

export const emptyStoredState = (): StoredState => ({
  schemaVersion: STORED_STATE_VERSION,
  settings: { ...defaultSettings },
  labs: [],
  lastLabId: null,
  recordings: [],
  recentSnapshots: [],
  openstackCreated: [],
});

/** Where the console's state lives: a JSON file in the browser host and tests, electron-store in the app. */
export interface ConsoleStore {
  /** A path a person can find (shown in About). */
  readonly location: string;
  load(): Promise<StoreLoadResult>;
  save(state: StoredState): Promise<void>;
}

export interface StoreLoadResult {
  state: StoredState;
  /** What could not be kept, in words an engineer can act on; empty when all was well. */
  problems: string[];
}

/** Salvage whatever is valid from an unknown value read from disk. */
export function salvageStoredState(raw: unknown): StoreLoadResult {
  const whole = v.safeParse(StoredState, raw);
  if (whole.success) return { state: whole.output, problems: [] };

  const state = emptyStoredState();
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('the file does not hold a settings object');
    return { state, problems };
  }
  const record = raw as Record<string, unknown>;
  if (record.schemaVersion !== STORED_STATE_VERSION) {
    problems.push(`schema version ${JSON.stringify(record.schemaVersion)} is not ${STORED_STATE_VERSION}`);
  }

  const settingsRecord = typeof record.settings === 'object' && record.settings !== null ? record.settings : {};
  for (const key of Object.keys(defaultSettings) as (keyof typeof defaultSettings)[]) {
    const field = v.safeParse(Settings.entries[key], (settingsRecord as Record<string, unknown>)[key]);
    if (field.success) (state.settings as Record<string, unknown>)[key] = field.output;
    else if ((settingsRecord as Record<string, unknown>)[key] !== undefined) {
      problems.push(`setting "${key}" was invalid (${describeIssues(field.issues)}); using the default`);
    }
  }

  const labs = Array.isArray(record.labs) ? record.labs : [];
  const seen = new Set<string>();
  labs.forEach((candidate, index) => {
    const lab = v.safeParse(SavedLab, candidate);
    if (!lab.success) {
      problems.push(`saved lab #${index + 1} could not be read (${describeIssues(lab.issues)})`);
    } else if (seen.has(lab.output.id)) {
      problems.push(`saved lab #${index + 1} repeats the id ${lab.output.id}; keeping the first`);
    } else {
      seen.add(lab.output.id);
      state.labs.push(lab.output as SavedLabValue);
    }
  });

  const last = v.safeParse(LabId, record.lastLabId);
  state.lastLabId = last.success && seen.has(last.output) ? last.output : null;
  state.recordings = salvageRecordings(record.recordings, problems);
  state.recentSnapshots = salvageRecentSnapshots(record.recentSnapshots, problems);
  state.openstackCreated = salvageOpenStackCreated(record.openstackCreated, problems);
  return { state, problems };
}

/** Every readable remembered recording; one that is not is reported (its file is not touched). */
function salvageRecordings(raw: unknown, problems: string[]): KnownRecording[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push('the list of recordings was not a list; recordings outside the recordings folder are no longer listed (their files are untouched)');
    return [];
  }
  const kept: KnownRecording[] = [];
  const paths = new Set<string>();
  raw.forEach((candidate, index) => {
    const recording = v.safeParse(KnownRecording, candidate);
    if (!recording.success) {
      problems.push(`remembered recording #${index + 1} could not be read (${describeIssues(recording.issues)}); it is no longer listed, its file is untouched`);
    } else if (!paths.has(recording.output.path) && kept.length < MAX_REMEMBERED_RECORDINGS) {
      paths.add(recording.output.path);
      kept.push(recording.output);
    }
  });
  return kept;
}

/** Every readable remembered snapshot; one that is not is dropped from the list (its file is not touched). */
function salvageRecentSnapshots(raw: unknown, problems: string[]): RecentSnapshot[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push('the list of recent snapshots was not a list; it starts afresh (the snapshot files are untouched)');
    return [];
  }
  const kept: RecentSnapshot[] = [];
  raw.forEach((candidate, index) => {
    const recent = v.safeParse(RecentSnapshot, candidate);
    if (!recent.success) problems.push(`recent snapshot #${index + 1} could not be read (${describeIssues(recent.issues)}); it is no longer listed, its file is untouched`);
    else if (!kept.some((other) => other.path === recent.output.path) && kept.length < MAX_RECENT_SNAPSHOTS) kept.push(recent.output);
  });
  return kept;
}

/** Every readable entry of what the console created in OpenStack; one that is not is reported (the object itself stays in OpenStack). */
function salvageOpenStackCreated(raw: unknown, problems: string[]): OpenStackCreated[] {
  if (raw === undefined) return [];
  const entries = Array.isArray(raw) ? raw : [];
  if (!Array.isArray(raw)) problems.push('the list of what the console created in OpenStack was not a list: "Delete what the console created" no longer knows those objects (delete them by hand)');
  const kept: OpenStackCreated[] = [];
  entries.forEach((candidate, index) => {
    const entry = v.safeParse(OpenStackCreated, candidate);
    if (entry.success) kept.push(entry.output);
    else problems.push(`OpenStack object #${index + 1} the console created could not be read (${describeIssues(entry.issues)}); delete it by hand if it is still there`);
  });
  return kept;
}
