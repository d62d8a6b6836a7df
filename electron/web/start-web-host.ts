// `npm run web` / `orangebox-console web`: start the browser host and print its URL.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConsoleCore } from '../core/console-core';
import { defaultStateFile } from '../core/state-location';
import { FileStore } from '../store/file-store';
import { readBundledDemo } from '../snapshots/demo/bundled-demo';
import { startWebHost } from './web-host';
import { openInBrowser } from './browser-launch';

/** The options, said once: here and in `orangebox-console --help`. */
export const WEB_HOST_OPTIONS = `  --port N         listen on port N (default: a free port)
  --open           open the console in the default browser (through a one-time link:
                   the access token never goes on a command line)
  --state FILE     saved labs and settings (default: ${defaultStateFile()})
  --snapshot FILE  show a lab snapshot (.obxsnap) instead of a live lab, read-only`;

export const WEB_HOST_USAGE = `Usage: orangebox-console web [--port N] [--open] [--state FILE] [--snapshot FILE]

Serves the console to a browser on http://127.0.0.1 (loopback only).
${WEB_HOST_OPTIONS}`;

interface WebHostArguments {
  port: number;
  open: boolean;
  stateFile: string;
  /** A snapshot file to open at start, or null. */
  snapshotFile: string | null;
}

export function parseWebHostArguments(argv: string[]): WebHostArguments | string {
  const parsed: WebHostArguments = { port: 0, open: false, stateFile: defaultStateFile(), snapshotFile: null };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--open') parsed.open = true;
    else if (argument === '--port') {
      const port = Number(argv[++index]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `--port needs a number from 0 to 65535 (got "${argv[index] ?? ''}")`;
      parsed.port = port;
    } else if (argument === '--state') {
      const file = argv[++index];
      if (!file) return '--state needs a file path';
      parsed.stateFile = file;
    } else if (argument === '--snapshot') {
      const file = argv[++index];
      if (!file) return '--snapshot needs a snapshot file (.obxsnap)';
      parsed.snapshotFile = file;
    } else return `unknown option "${argument}"`;
  }
  return parsed;
}

export async function runWebHost(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(WEB_HOST_USAGE);
    return 0;
  }
  const args = parseWebHostArguments(argv);
  if (typeof args === 'string') {
    console.error(`orangebox-console web: ${args}\n\n${WEB_HOST_USAGE}`);
    return 2;
  }
  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(`${rendererDir}/index.html`)) {
    console.error(`orangebox-console web: the console page is not built (${rendererDir} is empty); run \`npm run build\` first`);
    return 1;
  }
  const core = await createConsoleCore({
    host: 'browser',
    store: new FileStore(args.stateFile),
    reportInternalError: (request, error) => console.error(`internal error in ${request}:`, error),
    // A snapshot asked for by name is shown instead of the demo.
    demoLab: args.snapshotFile ? undefined : readBundledDemo,
  });
  if (args.snapshotFile) {
    // Asked for by name: a file that cannot be opened stops the start, with the reader's reason.
    const opened = await core.dispatch('snapshots.open', { path: args.snapshotFile });
    if (!opened.ok) {
      // The reader's message names the file and the problem.
      console.error(`orangebox-console web: ${opened.error.message}`);
      await core.close();
      return 1;
    }
  }
  let host;
  try {
    host = await startWebHost({ core, rendererDir, port: args.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${args.port} is already in use; choose another with --port or omit it` : (error as Error).message;
    console.error(`orangebox-console web: cannot listen on 127.0.0.1: ${why}`);
    return 1;
  }
  console.log(`OrangeBox Console is ready in your browser at ${host.urlWithToken}`);
  console.log(`(loopback only; the token in the URL is required. State: ${args.stateFile}. Ctrl+C stops it.)`);
  if (args.snapshotFile) console.log(`Showing the snapshot ${args.snapshotFile}, read-only.`);
  // The browser gets a one-time code through an owner-only page: the token never goes on a command line.
  const launchPage = args.open ? await openInBrowser(host.launchUrl()).catch((error: unknown) => {
    console.error(`could not open a browser (${error instanceof Error ? error.message : String(error)}); open the URL above by hand`);
    return null;
  }) : null;

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await launchPage?.remove();
  await host.close();
  await core.close();
  return 0;
}
