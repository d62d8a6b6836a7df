// Which palette entries a query finds, best first. Every word of the query must match the entry's
// title or, worth less, its detail and keywords (node, addresses, the command it replaces). With no
// query, the recently used entries come first, then everything in its kind's order.
import { matchWord, queryWords, scoreWord } from './fuzzy-match';
import { KIND_ORDER, type PaletteEntry } from './palette-entries';

/** A list longer than this is not read, only scrolled; typing one more letter is faster. */
export const MAX_SHOWN = 50;
/** A word found only in the detail or keywords counts for less than one found in the title. */
const KEYWORD_WEIGHT = 0.5;
/** A recently used entry moves up among equally good matches, not over a clearly better one. */
const RECENT_BONUS = 3;
/** Among equal matches, the shorter title is the closer one ("glance" before "glance/0"). */
const LENGTH_PENALTY = 0.02;
/** Among otherwise equal matches, opening a shell there is what is most often wanted (the
 * walkthrough's lxc exec and ip netns exec); less than one matched letter is worth. */
const TERMINAL_PREFERENCE = 0.9;

export interface RankedEntry {
  entry: PaletteEntry;
  score: number;
  /** Positions in the title of the letters the query matched, to mark them. */
  titleMatches: number[];
}

interface Prepared {
  lowerTitle: string;
  other: string;
  lowerOther: string;
}

/** Entries are rebuilt only when the state changes; their lower-cased texts are kept per entry. */
const prepared = new WeakMap<PaletteEntry, Prepared>();

function prepare(entry: PaletteEntry): Prepared {
  let texts = prepared.get(entry);
  if (!texts) {
    const other = `${entry.detail} ${entry.keywords}`;
    texts = { lowerTitle: entry.title.toLowerCase(), other, lowerOther: other.toLowerCase() };
    prepared.set(entry, texts);
  }
  return texts;
}

const kindRank = (entry: PaletteEntry) => KIND_ORDER.indexOf(entry.kind);

/** Scores one entry against the query's words; null when a word is found nowhere in it. */
export function scoreEntry(entry: PaletteEntry, words: readonly string[]): number | null {
  const texts = prepare(entry);
  let score = 0;
  for (const word of words) {
    const inTitle = scoreWord(word, entry.title, texts.lowerTitle);
    if (inTitle !== null) {
      score += inTitle;
      continue;
    }
    const elsewhere = scoreWord(word, texts.other, texts.lowerOther);
    if (elsewhere === null) return null;
    score += elsewhere * KEYWORD_WEIGHT;
  }
  const preference = entry.command.type === 'open-terminal' ? TERMINAL_PREFERENCE : 0;
  return score + preference - entry.title.length * LENGTH_PENALTY;
}

/** Where the query's words landed in the title (words found only elsewhere mark nothing). */
export function titleMatches(entry: PaletteEntry, words: readonly string[]): number[] {
  const lowerTitle = prepare(entry).lowerTitle;
  const positions = new Set<number>();
  for (const word of words) for (const position of matchWord(word, entry.title, lowerTitle)?.positions ?? []) positions.add(position);
  return [...positions].sort((a, b) => a - b);
}

export function rankEntries(entries: readonly PaletteEntry[], query: string, recentIds: readonly string[], limit = MAX_SHOWN): RankedEntry[] {
  const words = queryWords(query);
  const recency = new Map(recentIds.map((id, index) => [id, index]));
  if (words.length === 0) {
    const recent = entries.filter((entry) => recency.has(entry.id)).sort((a, b) => recency.get(a.id)! - recency.get(b.id)!);
    const rest = entries.filter((entry) => !recency.has(entry.id));
    return [...recent, ...rest].slice(0, limit).map((entry) => ({ entry, score: 0, titleMatches: [] }));
  }
  const scored: { entry: PaletteEntry; score: number; kind: number }[] = [];
  for (const entry of entries) {
    const score = scoreEntry(entry, words);
    if (score !== null) scored.push({ entry, score: score + (recency.has(entry.id) ? RECENT_BONUS : 0), kind: kindRank(entry) });
  }
  // Ties are many when one letter is typed: compared by code unit, not localeCompare (too slow at 25,000).
  scored.sort((a, b) => b.score - a.score || a.kind - b.kind || (a.entry.title < b.entry.title ? -1 : a.entry.title > b.entry.title ? 1 : 0));
  return scored.slice(0, limit).map(({ entry, score }) => ({ entry, score, titleMatches: titleMatches(entry, words) }));
}
