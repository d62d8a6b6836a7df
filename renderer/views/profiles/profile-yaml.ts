// A profile as `lxc profile show <name>` prints it, rebuilt from the parsed probe value, and that
// YAML cut into tokens so the page can colour it with plain text spans (lab text is never HTML).
import { stringify } from 'yaml';
import type { LxcProfile } from '../../../electron/contract/lab-model';

/**
 * LXD prints YAML with go-yaml v2: maps sorted by key, sequences not indented under their key,
 * no line folding, and YAML 1.1 resolution (so "True", "yes", "1" stay quoted as strings).
 */
const LXD_YAML_OPTIONS = { indentSeq: false, lineWidth: 0, version: '1.1' } as const;

/** go-yaml sorts map keys; the probe keeps them in the order JSON gave, which may differ. */
const sorted = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The keys in the order `lxc profile show` prints them (LXD 3.x and later). */
export function profileYaml(profile: LxcProfile): string {
  const document = {
    config: sorted(profile.config),
    description: profile.description ?? '',
    devices: sorted(Object.fromEntries(Object.entries(profile.devices).map(([name, settings]) => [name, sorted(settings)]))),
    name: profile.name ?? '',
    used_by: profile.usedBy ?? [],
  };
  return stringify(document, LXD_YAML_OPTIONS);
}

export type YamlTokenKind = 'indent' | 'key' | 'colon' | 'dash' | 'string' | 'number' | 'boolean' | 'null' | 'plain' | 'block-indicator' | 'block-text' | 'flow' | 'comment' | 'space';

export interface YamlToken {
  kind: YamlTokenKind;
  text: string;
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const BOOLEAN = /^(?:true|false|yes|no|on|off)$/i;
const NULL = /^(?:null|~)$/i;
const BLOCK_INDICATOR = /^[|>][-+]?\d*$/;
const EMPTY_FLOW = /^(?:\{\}|\[\])$/;

/**
 * Tokens per line for the block-style YAML LXD prints (maps, "- " sequences, quoted and plain
 * scalars, literal blocks). Joining a line's token texts gives the line back exactly, so nothing
 * the lab printed is lost or altered; anything unexpected is kept as plain text.
 */
export function tokenizeYaml(text: string): YamlToken[][] {
  const lines = text.replace(/\n$/, '').split('\n');
  const result: YamlToken[][] = [];
  /** Indentation of the key that opened a literal block; deeper lines (or blank ones) belong to it. */
  let blockOwnerIndent: number | null = null;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (blockOwnerIndent !== null && (line.trim() === '' || indent > blockOwnerIndent)) {
      const blockLine: YamlToken[] = [
        { kind: 'indent', text: line.slice(0, indent) },
        { kind: 'block-text', text: line.slice(indent) },
      ];
      result.push(blockLine.filter((token) => token.text !== ''));
      continue;
    }
    blockOwnerIndent = null;
    const tokens: YamlToken[] = [];
    if (indent > 0) tokens.push({ kind: 'indent', text: line.slice(0, indent) });
    let rest = line.slice(indent);
    let ownerIndent = indent;
    while (rest.startsWith('- ') || rest === '-') {
      tokens.push({ kind: 'dash', text: '-' });
      rest = rest.slice(1);
      const spaces = rest.length - rest.trimStart().length;
      if (spaces > 0) tokens.push({ kind: 'space', text: rest.slice(0, spaces) });
      ownerIndent += 1 + spaces;
      rest = rest.slice(spaces);
    }
    if (rest.startsWith('#')) {
      tokens.push({ kind: 'comment', text: rest });
      result.push(tokens);
      continue;
    }
    const colon = keyEnd(rest);
    if (colon !== null) {
      tokens.push({ kind: 'key', text: rest.slice(0, colon) }, { kind: 'colon', text: ':' });
      rest = rest.slice(colon + 1);
      const spaces = rest.length - rest.trimStart().length;
      if (spaces > 0) tokens.push({ kind: 'space', text: rest.slice(0, spaces) });
      rest = rest.slice(spaces);
    }
    if (rest !== '') {
      const value = scalarToken(rest);
      tokens.push(value);
      if (value.kind === 'block-indicator') blockOwnerIndent = colon !== null ? ownerIndent : indent;
    }
    result.push(tokens);
  }
  return result;
}

/** Where a mapping key ends: the first ":" followed by a space or the line's end, outside quotes. */
function keyEnd(text: string): number | null {
  const quote = text[0] === '"' || text[0] === "'" ? text[0] : null;
  let start = 0;
  if (quote) {
    const close = closingQuote(text, quote);
    if (close === null) return null;
    start = close + 1;
  }
  for (let index = start; index < text.length; index++) {
    if (text[index] === ':' && (index + 1 === text.length || text[index + 1] === ' ')) return index;
    if (quote) return null; // after a quoted scalar only ":" may follow for it to be a key
  }
  return null;
}

/** Index of the quote closing a scalar that opens at 0 ('' escapes in single, \" in double). */
function closingQuote(text: string, quote: string): number | null {
  for (let index = 1; index < text.length; index++) {
    if (quote === '"' && text[index] === '\\') index++;
    else if (text[index] === quote) {
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index;
    }
  }
  return null;
}

function scalarToken(text: string): YamlToken {
  if (text.startsWith('"') || text.startsWith("'")) return { kind: 'string', text };
  if (BLOCK_INDICATOR.test(text)) return { kind: 'block-indicator', text };
  if (EMPTY_FLOW.test(text)) return { kind: 'flow', text };
  if (NUMBER.test(text)) return { kind: 'number', text };
  if (BOOLEAN.test(text)) return { kind: 'boolean', text };
  if (NULL.test(text)) return { kind: 'null', text };
  return { kind: 'plain', text };
}
