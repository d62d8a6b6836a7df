// The recordings the console remembers between runs: every file a terminal recorded (wherever the
// engineer saved it, and in whatever recordings folder the settings named then) and every .cast
// file the engineer opened. Pure operations on the saved list, newest first; the core saves it.
import { resolve } from 'node:path';
import type { KnownRecording } from '../contract/recordings';
import { expandHome } from '../ssh-config/ssh-config-file';

/**
 * The list is saved whole with the settings at every change, and listing it reads each file's
 * first and last lines: 500 is months of "always record" at a few dozen terminals a day, at about
 * 100 KB of settings file and a listing well under a second. The oldest entries go first; their
 * files stay where they are (and are listed again while they lie in the recordings folder).
 */
export const MAX_REMEMBERED_RECORDINGS = 500;

/** The one spelling of a path the catalog compares: absolute, "~" expanded. */
export const canonicalRecordingPath = (path: string): string => resolve(expandHome(path.trim()));

/** Adds (or moves to the front) a recording; a path recorded again is one entry, the newest. */
export function rememberRecording(list: readonly KnownRecording[], recording: KnownRecording): KnownRecording[] {
  const path = canonicalRecordingPath(recording.path);
  const others = list.filter((known) => known.path !== path);
  return [{ ...recording, path }, ...others].slice(0, MAX_REMEMBERED_RECORDINGS);
}

/** Opening a file the console already knows keeps what it knew (it was recorded here, and when). */
export function rememberOpened(list: readonly KnownRecording[], recording: KnownRecording): KnownRecording[] {
  const path = canonicalRecordingPath(recording.path);
  const known = list.find((candidate) => candidate.path === path);
  if (!known) return rememberRecording(list, recording);
  return list.map((candidate) => (candidate === known ? { ...known, bytes: recording.bytes } : candidate));
}

/** The size a recording ended with: shown if its file goes missing later. */
export function withRecordedSize(list: readonly KnownRecording[], path: string, bytes: number): KnownRecording[] {
  const canonical = canonicalRecordingPath(path);
  return list.map((known) => (known.path === canonical ? { ...known, bytes } : known));
}

export function forgetRecording(list: readonly KnownRecording[], path: string): KnownRecording[] {
  const canonical = canonicalRecordingPath(path);
  return list.filter((known) => known.path !== canonical);
}

export function findRecording(list: readonly KnownRecording[], path: string): KnownRecording | null {
  const canonical = canonicalRecordingPath(path);
  return list.find((known) => known.path === canonical) ?? null;
}
