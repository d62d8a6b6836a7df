// The palette's recently used entries, newest first, kept in the page's storage so they survive a
// reload. Ids only: an entry whose thing is gone (a container deleted) simply is not listed.

/** Enough to cover what an engineer goes back to during a demo, few enough to leave room below. */
export const MAX_RECENT = 8;
const RECENT_STORAGE_KEY = 'obx.palette.recent';

/** The list after using `id`: it moves to the front, the oldest falls off. */
export function withUse(recent: readonly string[], id: string, max = MAX_RECENT): string[] {
  return [id, ...recent.filter((known) => known !== id)].slice(0, max);
}

export function readRecent(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    // Unreadable or unavailable storage: start with no history rather than fail to open.
    return [];
  }
}

export function writeRecent(recent: readonly string[]): void {
  try {
    localStorage.setItem(RECENT_STORAGE_KEY, JSON.stringify(recent));
  } catch {
    // Not kept across reloads; the palette works the same.
  }
}
