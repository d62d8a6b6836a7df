// `web --open`: the engineer's browser opens the console without the access token ever being on a
// command line. A command line is readable by every local user (/proc/<pid>/cmdline, `ps`), and
// the token opens a local shell. So the opener (xdg-open, open, explorer) is given the path of a
// small page, readable only by this user, that sends the browser on with a one-time launch code
// (used once, expiring in minutes); the page is deleted once the code has expired.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAUNCH_CODE_MS } from './access-guard';

/** Owner-only: the page holds a code that opens the console once. */
const LAUNCH_FOLDER_PREFIX = 'orangebox-open-';
const LAUNCH_PAGE_MODE = 0o600;

export interface LaunchPage {
  file: string;
  remove(): Promise<void>;
}

/** Writes the page that forwards to `launchUrl` (in a fresh owner-only folder). */
export async function writeLaunchPage(launchUrl: string, folder = tmpdir()): Promise<LaunchPage> {
  // mkdtemp makes the folder 0700: nobody else can even list it.
  const dir = await mkdtemp(join(folder, LAUNCH_FOLDER_PREFIX));
  const file = join(dir, 'open-orangebox-console.html');
  const target = escapeHtml(launchUrl);
  const page = `<!doctype html>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${target}">
<title>OrangeBox Console</title>
<p>Opening OrangeBox Console… If nothing happens, <a href="${target}">open it here</a> (this link works once, for a few minutes).</p>
`;
  await writeFile(file, page, { mode: LAUNCH_PAGE_MODE });
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export type Spawner = (command: string, args: string[]) => { on(event: 'error', listener: (error: Error) => void): unknown; unref(): void };

const spawnDetached: Spawner = (command, args) => spawn(command, args, { detached: true, stdio: 'ignore' });

/** The system's opener for a file, by platform. */
export function openerFor(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer' : 'xdg-open';
}

/**
 * Opens the console in the engineer's browser through a launch page; the page goes once its code has
 * expired. A failure to start the opener is said (the printed URL still works).
 */
export async function openInBrowser(
  launchUrl: string,
  options: { spawner?: Spawner; platform?: NodeJS.Platform; folder?: string; onProblem?: (message: string) => void } = {},
): Promise<LaunchPage> {
  const page = await writeLaunchPage(launchUrl, options.folder);
  const opener = openerFor(options.platform ?? process.platform);
  const child = (options.spawner ?? spawnDetached)(opener, [page.file]);
  child.on('error', () => (options.onProblem ?? console.error)(`could not start ${opener}; open the URL above by hand`));
  child.unref();
  setTimeout(() => void page.remove(), LAUNCH_CODE_MS).unref();
  return page;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
