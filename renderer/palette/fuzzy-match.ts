// Fuzzy matching for the command palette: each word of the query must appear in one word of a
// text as a subsequence ("qr" in "qrouter-…", "i12" in "instance-00000012"); the best placement of its
// letters is scored so that starts of words and runs of consecutive letters win over letters
// scattered through a long name. Pure and allocation-light: it runs over every entry per keystroke.

/** A letter at the start of a word: after a space, "-", "/" or any other non-alphanumeric character. */
const WORD_START_BONUS = 8;
/** A letter right after the previous matched one: "12" as a run beats "1…2". As much as a word
 * start, so a run inside one word ("comp" in "nova-compute") beats an acronym of scattered ones. */
const CONSECUTIVE_BONUS = WORD_START_BONUS;
/** Every matched letter is worth this much on its own. */
const LETTER_SCORE = 1;
/** Each skipped character between two matched letters costs a little, so tight matches rank first. */
const GAP_PENALTY = 0.25;
/** The very first letter of the text: typing the beginning of a name is the strongest hint. */
const TEXT_START_BONUS = 4;
/** Nothing scores below this; an impossible placement is "minus infinity" in the table. */
const IMPOSSIBLE = Number.NEGATIVE_INFINITY;

export interface WordMatch {
  score: number;
  /** Where the word's letters landed in the text, ascending. */
  positions: number[];
}

/** Splits a query into its words, lower-cased ("  Lxc 12 " → ["lxc", "12"]). */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((word) => word !== '');
}

const isAlphanumeric = (code: number) => (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
const isDigit = (code: number) => code >= 48 && code <= 57;
/** Space, tab or line break: the text's words are separated by these. */
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** How much a letter at this position of the text is worth on its own. */
function positionBonus(text: string, index: number): number {
  if (index === 0) return TEXT_START_BONUS + WORD_START_BONUS;
  const previous = text.charCodeAt(index - 1);
  const current = text.charCodeAt(index);
  if (!isAlphanumeric(previous)) return WORD_START_BONUS;
  // "node03ob64": digits after letters start a word of their own.
  if (isDigit(current) !== isDigit(previous)) return WORD_START_BONUS / 2;
  return 0;
}

/** Quick rejection: is `word` a subsequence of `lowerText` at all? */
export function isSubsequence(word: string, lowerText: string): boolean {
  let from = 0;
  for (let i = 0; i < word.length; i++) {
    const found = lowerText.indexOf(word[i]!, from);
    if (found === -1) return false;
    from = found + 1;
  }
  return true;
}

/** Rows of the score table, kept between calls: the palette scores every entry on every keystroke. */
let previousRow = new Float64Array(64);
let currentRow = new Float64Array(64);

/**
 * The best score of one query word in a text (given also lower-cased, so callers lower-case each
 * text once), or null when the word is not in it. Dynamic programming over (letter of the word,
 * position in the text) with two reused rows; gaps cost linearly, so the best earlier placement is
 * carried in a running maximum and the whole match is O(word × text) without allocating.
 */
export function scoreWord(word: string, text: string, lowerText: string): number | null {
  const m = word.length;
  const n = lowerText.length;
  if (m === 0) return 0;
  if (m > n || !isSubsequence(word, lowerText)) return null;
  if (previousRow.length < n) {
    previousRow = new Float64Array(n * 2);
    currentRow = new Float64Array(n * 2);
  }
  for (let i = 0; i < m; i++) {
    const letter = word.charCodeAt(i);
    let carried = IMPOSSIBLE;
    for (let j = 0; j < n; j++) {
      if (i > 0 && j >= 2) carried = Math.max(carried, previousRow[j - 2]! + GAP_PENALTY * (j - 2));
      // A query word stays within one word of the text: its letters never jump a space.
      if (j >= 1 && isSpace(lowerText.charCodeAt(j - 1))) carried = IMPOSSIBLE;
      if (j < i || lowerText.charCodeAt(j) !== letter) {
        currentRow[j] = IMPOSSIBLE;
        continue;
      }
      const own = LETTER_SCORE + positionBonus(text, j);
      if (i === 0) {
        currentRow[j] = own;
        continue;
      }
      const viaAdjacent = previousRow[j - 1]! + own + CONSECUTIVE_BONUS;
      const viaGap = carried - GAP_PENALTY * (j - 1) + own;
      currentRow[j] = Math.max(viaAdjacent, viaGap);
    }
    [previousRow, currentRow] = [currentRow, previousRow];
  }
  let best = IMPOSSIBLE;
  for (let j = 0; j < n; j++) if (previousRow[j]! > best) best = previousRow[j]!;
  return best === IMPOSSIBLE ? null : best;
}

/**
 * The same match with where its letters landed, for marking them: the full table is kept to walk
 * back through. Run only for the entries shown, not for every entry scored.
 */
export function matchWord(word: string, text: string, lowerText: string): WordMatch | null {
  const m = word.length;
  const n = lowerText.length;
  if (m === 0) return { score: 0, positions: [] };
  if (m > n || !isSubsequence(word, lowerText)) return null;
  // best[i][j]: the best score with letter i of the word placed at text position j.
  const best: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(n).fill(IMPOSSIBLE);
    const back = new Int32Array(n).fill(-1);
    const letter = word.charCodeAt(i);
    // Running maximum over k < j - 1 of best[i-1][k] + GAP_PENALTY × k (the gap j-k-1 costs linearly).
    let carried = IMPOSSIBLE;
    let carriedFrom = -1;
    for (let j = i; j < n; j++) {
      if (i > 0 && j >= 2) {
        const candidate = best[i - 1]![j - 2]! + GAP_PENALTY * (j - 2);
        if (candidate > carried) {
          carried = candidate;
          carriedFrom = j - 2;
        }
      }
      if (j >= 1 && isSpace(lowerText.charCodeAt(j - 1))) {
        carried = IMPOSSIBLE;
        carriedFrom = -1;
      }
      if (lowerText.charCodeAt(j) !== letter) continue;
      const own = LETTER_SCORE + positionBonus(text, j);
      if (i === 0) {
        row[j] = own;
        continue;
      }
      const viaAdjacent = best[i - 1]![j - 1]! + own + CONSECUTIVE_BONUS;
      const viaGap = carried - GAP_PENALTY * (j - 1) + own;
      if (viaAdjacent >= viaGap) {
        row[j] = viaAdjacent;
        back[j] = j - 1;
      } else {
        row[j] = viaGap;
        back[j] = carriedFrom;
      }
    }
    best.push(row);
    from.push(back);
  }
  let end = -1;
  let score = IMPOSSIBLE;
  const last = best[m - 1]!;
  for (let j = 0; j < n; j++) {
    if (last[j]! > score) {
      score = last[j]!;
      end = j;
    }
  }
  if (end === -1) return null;
  const positions = new Array<number>(m);
  for (let i = m - 1, j = end; i >= 0; i--) {
    positions[i] = j;
    j = from[i]![j]!;
  }
  return { score, positions };
}

/** Splits a text into runs of matched and unmatched characters, for marking the matched ones. */
export function markRuns(text: string, positions: readonly number[]): { text: string; matched: boolean }[] {
  const marked = new Set(positions);
  const runs: { text: string; matched: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const matched = marked.has(i);
    const last = runs[runs.length - 1];
    if (last && last.matched === matched) last.text += text[i];
    else runs.push({ text: text[i]!, matched });
  }
  return runs;
}
