// `orangebox-console snapshot capture <controller> -o FILE`: reads a live lab once, as the console
// does, and writes everything it read to a snapshot file with every secret masked. It connects
// exactly as `inventory` does (same options, same host-key policy, same exit statuses).
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SNAPSHOT_EXTENSION, type SnapshotContent } from '../contract/snapshot';
import { captureSnapshot, type CaptureProgress } from '../snapshots/capture';
import { recordingParts, type RecordingParts } from '../snapshots/snapshot-recording-parts';
import { readRecordingFile } from '../terminals/recordings';
import { writeSnapshotFile } from '../snapshots/snapshot-file';
import { describeBytes } from '../snapshots/snapshot-limits';
import { runSnapshotExport } from './snapshot-export-command';
import { runSnapshotDiff, SNAPSHOT_DIFF_EXIT_STATUS, SNAPSHOT_DIFF_OPTIONS } from './snapshot-diff-command';
import { CONNECTION_OPTIONS, connectCommandLineLab, isIncomplete, parseInventoryArguments, type CliOutput, type CommandLineLab, type ConnectionArguments } from './inventory-command';

/** The options and exit status, said once: here and in `orangebox-console --help`. */
export const SNAPSHOT_CAPTURE_OPTIONS = `  -o, --output FILE    the snapshot file to write (${SNAPSHOT_EXTENSION}); required
  --name NAME          the lab's name in the snapshot (default: <controller> as given)
  --recording FILE     keep this terminal recording (.cast) with it; repeat for more.
                       Its output is masked like every other; what was typed is left out
${CONNECTION_OPTIONS}`;
export const SNAPSHOT_EXIT_STATUS = `0 all read and written, 1 the lab could not be reached or the file
             not written, 2 bad arguments, 4 written, but incomplete (a machine
             unreachable or a probe failed).`;

export const SNAPSHOT_USAGE = `Usage: orangebox-console snapshot capture <controller> -o FILE [options]
       orangebox-console snapshot diff A${SNAPSHOT_EXTENSION} B${SNAPSHOT_EXTENSION} [--json]
       orangebox-console snapshot export SNAPSHOT${SNAPSHOT_EXTENSION}|<controller> -o BUNDLE${SNAPSHOT_EXTENSION} [--obfuscate]
         (a support bundle, secrets masked; orangebox-console snapshot export --help)

Connects to a lab's controller ([user@]host[:port], or a ~/.ssh/config Host) as inventory does,
runs every probe on every machine once, and writes a snapshot: what every command printed (every
secret masked before it is written), the inventory and the routes. Open it offline with
orangebox-console web --snapshot FILE or inventory --snapshot FILE.

Options:
${SNAPSHOT_CAPTURE_OPTIONS}

Exit status: ${SNAPSHOT_EXIT_STATUS}

diff compares two snapshots, A taken before B: machines, containers, LXD profiles, namespaces,
applications, units and relations added, removed or changed, counts first, one line per change.
${SNAPSHOT_DIFF_OPTIONS}
diff exit status: ${SNAPSHOT_DIFF_EXIT_STATUS}`;

const consoleOutput: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

interface CaptureArguments {
  file: string;
  name: string | null;
  recordings: string[];
  connection: ConnectionArguments;
}

/** Options of inventory that make no sense for a capture: it reads a live lab and writes a file. */
const NOT_FOR_CAPTURE = new Set(['--json', '--snapshot']);

export function parseCaptureArguments(argv: string[]): CaptureArguments | string {
  const connection: string[] = [];
  let file = '';
  let name: string | null = null;
  const recordings: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '-o' || argument === '--output') {
      file = argv[++index] ?? '';
      if (!file) return `${argument} needs the snapshot file to write (e.g. -o lab${SNAPSHOT_EXTENSION})`;
    } else if (argument === '--name') {
      name = argv[++index]?.trim() || null;
      if (!name) return '--name needs the lab\'s name';
    } else if (argument === '--recording') {
      const recording = argv[++index];
      if (!recording) return '--recording needs a terminal recording (.cast file)';
      recordings.push(recording);
    } else if (NOT_FOR_CAPTURE.has(argument)) return `${argument} is an option of inventory, not of snapshot capture`;
    else connection.push(argument);
  }
  if (connection.length === 0) return 'name the lab controller to capture';
  const parsed = parseInventoryArguments(connection);
  if (typeof parsed === 'string') return parsed;
  if (!file) return `name the snapshot file to write with -o FILE (e.g. -o lab${SNAPSHOT_EXTENSION})`;
  return { file, name, recordings, connection: parsed };
}

export async function runSnapshotCommand(argv: string[], output: CliOutput = consoleOutput): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    output.out(SNAPSHOT_USAGE);
    return 0;
  }
  if (subcommand === 'capture') return runCapture(rest, output);
  if (subcommand === 'diff') return runSnapshotDiff(rest, output);
  if (subcommand === 'export') return runSnapshotExport(rest, output);
  output.err(`orangebox-console snapshot: ${subcommand === undefined ? 'say what to do: capture, diff or export' : `unknown subcommand "${subcommand}"`}\n\n${SNAPSHOT_USAGE}`);
  return 2;
}

async function runCapture(argv: string[], output: CliOutput): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(SNAPSHOT_USAGE);
    return 0;
  }
  const args = parseCaptureArguments(argv);
  if (typeof args === 'string') {
    output.err(`orangebox-console snapshot capture: ${args}\n\n${SNAPSHOT_USAGE}`);
    return 2;
  }
  // Said before connecting: a capture takes seconds, and its file must have somewhere to go.
  const folder = dirname(resolve(args.file));
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) {
    output.err(`orangebox-console snapshot capture: cannot write ${args.file}: the folder ${folder} does not exist`);
    return 2;
  }

  // Read first: a recording that cannot go in is said before the lab is reached.
  let kept: RecordingParts;
  try {
    kept = await recordingParts(args.recordings.map((path) => resolve(path)), readRecordingFile);
  } catch (error) {
    output.err(`orangebox-console snapshot capture: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const started = performance.now();
  let connected: CommandLineLab;
  try {
    connected = await connectCommandLineLab(args.connection, output);
  } catch (error) {
    output.err(`orangebox-console snapshot capture: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { link } = connected;
  const lab = { ...connected.lab, name: args.name ?? connected.lab.name };
  let progress: CaptureProgress | null = null;
  let content: SnapshotContent;
  try {
    content = await captureSnapshot({
      lab,
      controller: () => link.controller,
      routeContext: connected.routeContext,
      routeChoice: connected.routeChoice,
      recordings: kept.recordings,
      onProgress: (latest) => (progress = latest),
    });
  } catch (error) {
    output.err(`orangebox-console snapshot capture: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    link.disconnect();
  }
  try {
    await writeSnapshotFile(args.file, content);
  } catch (error) {
    output.err(`orangebox-console snapshot capture: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const size = (await stat(args.file)).size;
  output.out(describeCapture(content, progress, args.file, size, performance.now() - started, kept));
  return isIncomplete(content.inventory) ? 4 : 0;
}

/** What was captured, in a few lines: counts, anything that could not be read, the file and the time. */
export function describeCapture(content: SnapshotContent, progress: CaptureProgress | null, file: string, bytes: number, elapsedMs: number, kept: RecordingParts | null = null): string {
  const { inventory } = content;
  const failed = inventory.probes.filter((outcome) => outcome.status === 'failed');
  const lines = [
    `Captured ${content.meta.labName}: ${inventory.machines.length} machines (the controller included), ${inventory.probes.length} probes (${failed.length} failed), ${content.commands.length} commands, ${progress?.maskedValues ?? 0} secret values masked`,
  ];
  if (kept && kept.recordings.length > 0) {
    lines.push(`Kept ${kept.recordings.length} terminal recording${kept.recordings.length === 1 ? '' : 's'}: ${kept.masked} secret values masked in their output, ${kept.inputEventsLeftOut} typed inputs left out`);
  }
  for (const machine of inventory.machines) if (machine.routeError) lines.push(`  UNREACHABLE machine ${machine.id}: ${machine.routeError.message}`);
  for (const outcome of failed) lines.push(`  FAILED ${outcome.probeId} on ${outcome.machineId}: ${outcome.error?.message ?? 'no message'}`);
  lines.push(`Wrote ${file} (${describeBytes(bytes)}) in ${(elapsedMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
