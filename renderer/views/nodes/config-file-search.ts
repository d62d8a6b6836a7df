// Finding text in a nova file, the two ways the file dialog shows it: lines of the text that
// contain the query, and keys or values of a section that contain it. Case-insensitive, plain text
// (an engineer types "glance" or "9696", not a pattern).
import type { IniFile } from '../../../electron/contract/lab-model';

export interface TextLine {
  number: number;
  text: string;
  /** Where the query occurs in the line: [start, end) pairs. */
  matches: [number, number][];
}

export function searchLines(text: string, query: string): TextLine[] {
  const needle = query.trim().toLowerCase();
  return text.split('\n').map((line, index) => {
    const matches: [number, number][] = [];
    if (needle) {
      const haystack = line.toLowerCase();
      for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) matches.push([at, at + needle.length]);
    }
    return { number: index + 1, text: line, matches };
  });
}

/** A line cut at its matches, for marking them up without ever reading the text as HTML. */
export function lineParts(line: TextLine): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of line.matches) {
    if (start > at) parts.push({ text: line.text.slice(at, start), match: false });
    parts.push({ text: line.text.slice(start, end), match: true });
    at = end;
  }
  if (at < line.text.length || parts.length === 0) parts.push({ text: line.text.slice(at), match: false });
  return parts;
}

export interface SectionEntry {
  key: string;
  value: string;
  line: number | null;
  masked: boolean;
}

/** Each section with its keys in file order (by line), kept only where the query matches. */
export function searchSections(ini: IniFile, query: string): { name: string; entries: SectionEntry[] }[] {
  const needle = query.trim().toLowerCase();
  return Object.entries(ini.sections)
    .map(([name, keys]) => {
      const entries = Object.entries(keys)
        .map(([key, value]) => ({ key, value, line: ini.lines[`${name}.${key}`] ?? null, masked: ini.masked.includes(`${name}.${key}`) }))
        .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
      const sectionMatches = name.toLowerCase().includes(needle);
      return { name, entries: needle && !sectionMatches ? entries.filter((entry) => `${entry.key} ${entry.value}`.toLowerCase().includes(needle)) : entries };
    })
    .filter((section) => !needle || section.entries.length > 0 || section.name.toLowerCase().includes(needle));
}
