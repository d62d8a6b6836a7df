// `orangebox-console snapshot diff A B [--json]`: what changed in a lab between two snapshot files
// (A before, B after). Exit status as diff(1), so a script can ask "did anything change?".
import { SNAPSHOT_EXTENSION, type SnapshotContent } from '../contract/snapshot';
import { compareReadings, readComparedSnapshot } from '../snapshots/lab-comparison';
import { describeComparison } from '../snapshots/lab-diff-text';
import { totalChanges } from '../contract/lab-diff-wording';
import { readSnapshotFile } from '../snapshots/snapshot-file';
import type { CliOutput } from './inventory-command';

/** As diff(1): said here, in `snapshot --help` and in `orangebox-console --help`. */
export const SNAPSHOT_DIFF_EXIT_STATUS = `0 no differences, 1 differences found, 2 trouble (bad arguments, a file
             missing or not a readable snapshot).`;

export const SNAPSHOT_DIFF_OPTIONS = `  --json               print the comparison as JSON: both sides, counts per kind of
                       object, every change with its fields before and after, and
                       what could not be compared`;

export const SNAPSHOT_DIFF_USAGE = `Usage: orangebox-console snapshot diff A${SNAPSHOT_EXTENSION} B${SNAPSHOT_EXTENSION} [--json]

Compares two snapshots of a lab, A taken before B: machines, containers, LXD profiles, gateway
namespaces, Juju applications, units and relations added, removed or changed (a container's state
and addresses, a unit's workload and agent status, …), counts first, then one line per change.
What one snapshot did not read (a machine unreachable, a probe failed) is listed as not compared,
never as removed.

Options:
${SNAPSHOT_DIFF_OPTIONS}

Exit status: ${SNAPSHOT_DIFF_EXIT_STATUS}`;

const EXIT_SAME = 0;
const EXIT_DIFFERENT = 1;
const EXIT_TROUBLE = 2;

export function parseDiffArguments(argv: string[]): { before: string; after: string; json: boolean } | string {
  const files: string[] = [];
  let json = false;
  for (const argument of argv) {
    if (argument === '--json') json = true;
    else if (argument.startsWith('-') && argument !== '-') return `unknown option "${argument}"`;
    else files.push(argument);
  }
  if (files.length < 2) return `name two snapshot files, the one before and the one after (e.g. before${SNAPSHOT_EXTENSION} after${SNAPSHOT_EXTENSION})`;
  if (files.length > 2) return `compare two snapshot files at a time (given ${files.length}: ${files.join(', ')})`;
  return { before: files[0]!, after: files[1]!, json };
}

export async function runSnapshotDiff(argv: string[], output: CliOutput, readSnapshot: (path: string) => Promise<SnapshotContent> = readSnapshotFile): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(SNAPSHOT_DIFF_USAGE);
    return EXIT_SAME;
  }
  const args = parseDiffArguments(argv);
  if (typeof args === 'string') {
    output.err(`orangebox-console snapshot diff: ${args}\n\n${SNAPSHOT_DIFF_USAGE}`);
    return EXIT_TROUBLE;
  }
  let comparison;
  try {
    // The reader's messages name the file and its problem; A is read first, so its problem is said first.
    const before = await readComparedSnapshot(args.before, readSnapshot);
    const after = await readComparedSnapshot(args.after, readSnapshot);
    comparison = compareReadings(before, after);
  } catch (error) {
    output.err(`orangebox-console snapshot diff: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_TROUBLE;
  }
  output.out(args.json ? JSON.stringify(comparison, null, 2) : describeComparison(comparison));
  return totalChanges(comparison.counts) === 0 ? EXIT_SAME : EXIT_DIFFERENT;
}
