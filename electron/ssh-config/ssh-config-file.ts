// Reads ~/.ssh/config the way OpenSSH does for what the console needs: `Host` blocks, options
// (first value wins), `Include` (relative to ~/.ssh, `~` expanded, `*`/`?` globs in the file
// name) followed recursively. `Match` blocks are not evaluated: their options are skipped and a
// warning says so (where OpenSSH is installed, `ssh -G` resolves them faithfully instead).
import { readFile, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

/** OpenSSH itself stops at 16 levels of Include; a loop must not hang the console. */
const MAX_INCLUDE_DEPTH = 16;

export interface SshConfigLine {
  keyword: string; // lower-cased
  args: string[];
  file: string;
  line: number;
}

export interface SshConfigBlock {
  /** null for the lines before the first Host/Match (they apply to every host). */
  hostPatterns: string[] | null;
  /** Match blocks are recorded so that their options are NOT applied blindly. */
  isMatch: boolean;
  file: string;
  line: number;
  options: SshConfigLine[];
}

export interface SshConfigDocument {
  blocks: SshConfigBlock[];
  warnings: string[];
}

export const expandHome = (path: string, home = homedir()): string =>
  path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;

/** Splits one config line into keyword and arguments, honouring double quotes and `key=value`. */
export function tokenizeConfigLine(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const char of text.trim()) {
    if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && (char === ' ' || char === '\t' || (char === '=' && tokens.length === 0))) {
      if (started) tokens.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) tokens.push(current);
  return tokens;
}

export async function readSshConfig(path = join(homedir(), '.ssh', 'config'), home = homedir()): Promise<SshConfigDocument> {
  const document: SshConfigDocument = { blocks: [{ hostPatterns: null, isMatch: false, file: path, line: 0, options: [] }], warnings: [] };
  await appendFile(document, path, home, 0, true);
  return document;
}

async function appendFile(document: SshConfigDocument, path: string, home: string, depth: number, isTopLevel: boolean): Promise<void> {
  if (depth > MAX_INCLUDE_DEPTH) {
    document.warnings.push(`${path}: Include nested deeper than ${MAX_INCLUDE_DEPTH} levels (a loop?); not followed`);
    return;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!(isTopLevel && code === 'ENOENT')) document.warnings.push(`cannot read ${path}: ${(error as Error).message}`);
    return;
  }
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [keywordRaw, ...args] = tokenizeConfigLine(trimmed);
    if (!keywordRaw) continue;
    const keyword = keywordRaw.toLowerCase();
    const lineNumber = index + 1;
    if (keyword === 'host') {
      document.blocks.push({ hostPatterns: args, isMatch: false, file: path, line: lineNumber, options: [] });
    } else if (keyword === 'match') {
      document.blocks.push({ hostPatterns: null, isMatch: true, file: path, line: lineNumber, options: [] });
    } else if (keyword === 'include') {
      for (const pattern of args) {
        for (const included of await expandInclude(pattern, home, document, `${path}:${lineNumber}`)) {
          await appendFile(document, included, home, depth + 1, false);
        }
      }
    } else {
      document.blocks.at(-1)?.options.push({ keyword, args, file: path, line: lineNumber });
    }
  }
}

async function expandInclude(pattern: string, home: string, document: SshConfigDocument, where: string): Promise<string[]> {
  const expanded = expandHome(pattern, home);
  const absolute = isAbsolute(expanded) ? expanded : join(home, '.ssh', expanded);
  const folder = dirname(absolute);
  const name = basename(absolute);
  if (!/[*?]/.test(name)) return [absolute];
  if (/[*?]/.test(folder)) {
    document.warnings.push(`${where}: Include with a wildcard in a folder name (${pattern}) is not followed`);
    return [];
  }
  try {
    const matcher = globToRegExp(name);
    return (await readdir(folder)).filter((entry) => matcher.test(entry)).sort().map((entry) => join(folder, entry));
  } catch {
    return []; // OpenSSH silently ignores an Include glob that matches nothing
  }
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** OpenSSH host pattern list: any positive match and no negated (`!`) match. */
export function hostMatches(patterns: string[], alias: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const regex = globToRegExp((negated ? pattern.slice(1) : pattern).toLowerCase());
    if (regex.test(alias.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Aliases a person would pick from a list: concrete names, no wildcards or negations. */
export function concreteHostAliases(document: SshConfigDocument): { alias: string; source: string }[] {
  const seen = new Set<string>();
  const aliases: { alias: string; source: string }[] = [];
  for (const block of document.blocks) {
    for (const pattern of block.hostPatterns ?? []) {
      if (/[*?!]/.test(pattern) || seen.has(pattern)) continue;
      seen.add(pattern);
      aliases.push({ alias: pattern, source: block.file });
    }
  }
  return aliases;
}

/** Options for one alias, first value wins, as OpenSSH applies them (Match blocks skipped). */
export function resolveHostOptions(document: SshConfigDocument, alias: string): Map<string, string[]> {
  const options = new Map<string, string[]>();
  for (const block of document.blocks) {
    if (block.isMatch) continue;
    if (block.hostPatterns !== null && !hostMatches(block.hostPatterns, alias)) continue;
    for (const option of block.options) {
      if (option.keyword === 'identityfile') {
        // IdentityFile accumulates rather than first-wins.
        options.set('identityfile', [...(options.get('identityfile') ?? []), ...option.args]);
      } else if (!options.has(option.keyword)) {
        options.set(option.keyword, option.args);
      }
    }
  }
  return options;
}

/** Where OpenSSH's client reads its options: the user's file first (first value wins), then the system's. */
export const OPENSSH_CLIENT_CONFIGS = (home = homedir()): string[] => [join(home, '.ssh', 'config'), '/etc/ssh/ssh_config'];

/**
 * OpenSSH's HashKnownHosts for a host (Debian and Ubuntu set it to yes in /etc/ssh/ssh_config), or
 * null when no config file says. A config that cannot be read says nothing.
 */
export async function hashKnownHostsFor(host: string, files: string[] = OPENSSH_CLIENT_CONFIGS()): Promise<boolean | null> {
  for (const file of files) {
    const document = await readSshConfig(file).catch(() => null);
    const value = document ? resolveHostOptions(document, host).get('hashknownhosts')?.[0]?.toLowerCase() : undefined;
    if (value === 'yes') return true;
    if (value === 'no') return false;
  }
  return null;
}
