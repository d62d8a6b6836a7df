// File names for what a terminal saves: recordings (asciicast, written by the core) and exported
// scrollback (a download). Named after what the terminal is and when, so a folder of them reads
// like a log of the visit: lxc-exec-instance-0000000c-on-node03ob64-20250311-142501.cast.

/** Long enough to say which terminal, short enough for every file system's name limit. */
const MAX_SLUG_CHARS = 80;

/** Lower case letters, digits and single dashes: safe in a file name on every OS. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/-+$/, '');
  return slug || 'terminal';
}

/** yyyymmdd-hhmmss in local time: the engineer's clock is what they will search by. */
export function fileTimestamp(at: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
}

/** In the recordings folder of the settings (the core expands "~"). */
export function defaultRecordingPath(folder: string, title: string, at: Date): string {
  const base = folder.trim().replace(/\/+$/, '') || '~';
  return `${base}/${slugOf(title)}-${fileTimestamp(at)}.cast`;
}

export function exportFileName(title: string, at: Date): string {
  return `${slugOf(title)}-${fileTimestamp(at)}.txt`;
}

/** What is wrong with a recording path as typed, or null when the core may be asked. */
export function recordingPathProblem(path: string): string | null {
  const trimmed = path.trim();
  if (!trimmed) return 'give a file path for the recording';
  if (!trimmed.endsWith('.cast')) return 'a recording is an asciicast file: the path must end in .cast';
  if (trimmed.endsWith('/.cast')) return 'give the recording a file name before .cast';
  return null;
}
