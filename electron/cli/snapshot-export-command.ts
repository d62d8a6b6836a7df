// `orangebox-console snapshot export SNAPSHOT|<controller> -o BUNDLE [--obfuscate [--mapping FILE]]`:
// a support bundle from a snapshot file, or straight from a live lab (read once, as capture does).
// Every secret is masked; with --obfuscate, addresses, hostnames and MACs are replaced and the
// mapping back is written to a separate file on this machine, never into the bundle.
import { resolve } from 'node:path';
import { SNAPSHOT_EXTENSION, type SnapshotContent } from '../contract/snapshot';
import { captureSnapshot } from '../snapshots/capture';
import { readSnapshotFile } from '../snapshots/snapshot-file';
import { describeBytes } from '../snapshots/snapshot-limits';
import { checkBundleTargets, mappingPathFor, writeSupportBundle, type SupportBundleWritten } from '../snapshots/support-bundle/support-bundle';
import { CONNECTION_OPTIONS, connectCommandLineLab, isIncomplete, parseInventoryArguments, type CliOutput, type ConnectionArguments } from './inventory-command';

export const SNAPSHOT_EXPORT_OPTIONS = `  -o, --output FILE    the bundle to write (${SNAPSHOT_EXTENSION}); required, never overwritten
  --obfuscate          replace IPv4 addresses (subnets kept), hostnames (hostN) and MACs
                       consistently; the mapping back is written beside the bundle as
                       <bundle>.private-mapping.json (never inside it)
  --mapping FILE       write the mapping there instead (with --obfuscate)
  --name NAME          the lab's name, when reading a live lab (default: <controller>)
  (reading a live lab: the connection options of snapshot capture)`;
export const SNAPSHOT_EXPORT_EXIT_STATUS = `0 written, 1 the snapshot or lab could not be read or the bundle
             not written, 2 bad arguments, 4 written from a live lab, but
             incomplete (a machine unreachable or a probe failed).`;

export const SNAPSHOT_EXPORT_USAGE = `Usage: orangebox-console snapshot export SNAPSHOT${SNAPSHOT_EXTENSION} -o BUNDLE${SNAPSHOT_EXTENSION} [--obfuscate [--mapping FILE]]
       orangebox-console snapshot export <controller> -o BUNDLE${SNAPSHOT_EXTENSION} [--obfuscate] [connection options]

Writes a support bundle: a snapshot (it opens in the console like any other) with a README.txt
inside saying what it holds and what was masked. Every secret is masked, whatever the snapshot.
A first argument ending in ${SNAPSHOT_EXTENSION} is a snapshot file; anything else is a lab's controller,
read once as snapshot capture does.

Options:
${SNAPSHOT_EXPORT_OPTIONS}
${CONNECTION_OPTIONS}

Exit status: ${SNAPSHOT_EXPORT_EXIT_STATUS}`;

interface ExportArguments {
  bundle: string;
  obfuscate: boolean;
  mapping: string | null;
  name: string | null;
  source: { kind: 'file'; path: string } | { kind: 'live'; connection: ConnectionArguments };
}

export function parseExportArguments(argv: string[]): ExportArguments | string {
  const rest: string[] = [];
  let bundle = '';
  let obfuscate = false;
  let mapping: string | null = null;
  let name: string | null = null;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '-o' || argument === '--output') {
      bundle = argv[++index] ?? '';
      if (!bundle) return `${argument} needs the bundle file to write (e.g. -o lab-support${SNAPSHOT_EXTENSION})`;
    } else if (argument === '--obfuscate') obfuscate = true;
    else if (argument === '--mapping') {
      mapping = argv[++index] ?? '';
      if (!mapping) return '--mapping needs the file to write the mapping to';
    } else if (argument === '--name') {
      name = argv[++index]?.trim() || null;
      if (!name) return "--name needs the lab's name";
    } else if (argument === '--json' || argument === '--snapshot') return `${argument} is an option of inventory, not of snapshot export`;
    else rest.push(argument);
  }
  if (rest.length === 0) return `name the snapshot (${SNAPSHOT_EXTENSION}) or the lab controller to export`;
  if (!bundle) return `name the bundle to write with -o FILE (e.g. -o lab-support${SNAPSHOT_EXTENSION})`;
  if (!bundle.toLowerCase().endsWith(SNAPSHOT_EXTENSION)) return `a bundle is a snapshot: give -o a path ending in ${SNAPSHOT_EXTENSION}`;
  if (mapping !== null && !obfuscate) return '--mapping only makes sense with --obfuscate (without it there is nothing to map back)';
  const first = rest[0]!;
  if (first.toLowerCase().endsWith(SNAPSHOT_EXTENSION)) {
    if (rest.length > 1) return `a snapshot file needs no connection options (${rest.slice(1).join(' ')})`;
    if (name !== null) return '--name is for a live lab; a snapshot keeps its own name';
    return { bundle, obfuscate, mapping, name, source: { kind: 'file', path: first } };
  }
  const connection = parseInventoryArguments(rest);
  if (typeof connection === 'string') return connection;
  return { bundle, obfuscate, mapping, name, source: { kind: 'live', connection } };
}

const consoleOutput: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

export async function runSnapshotExport(argv: string[], output: CliOutput = consoleOutput): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(SNAPSHOT_EXPORT_USAGE);
    return 0;
  }
  const args = parseExportArguments(argv);
  if (typeof args === 'string') {
    output.err(`orangebox-console snapshot export: ${args}\n\n${SNAPSHOT_EXPORT_USAGE}`);
    return 2;
  }
  const bundle = resolve(args.bundle);
  const mappingPath = args.obfuscate ? resolve(args.mapping ?? mappingPathFor(bundle)) : null;
  const fail = (error: unknown) => {
    output.err(`orangebox-console snapshot export: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  };
  const started = performance.now();
  // Said before reading anything: a live read takes seconds.
  try {
    await checkBundleTargets(bundle, mappingPath);
  } catch (error) {
    fail(error);
    return 2;
  }

  let content: SnapshotContent;
  try {
    content = args.source.kind === 'file' ? await readSnapshotFile(resolve(args.source.path)) : await readLiveLab(args.source.connection, args.name, output);
  } catch (error) {
    return fail(error);
  }
  let written: SupportBundleWritten;
  try {
    written = await writeSupportBundle(bundle, content, { obfuscate: args.obfuscate, ...(mappingPath ? { mappingPath } : {}) });
  } catch (error) {
    return fail(error);
  }
  output.out(describeExport(written, performance.now() - started));
  return args.source.kind === 'live' && isIncomplete(content.inventory) ? 4 : 0;
}

async function readLiveLab(connection: ConnectionArguments, name: string | null, output: CliOutput): Promise<SnapshotContent> {
  const connected = await connectCommandLineLab(connection, output);
  try {
    return await captureSnapshot({
      lab: { ...connected.lab, name: name ?? connected.lab.name },
      controller: () => connected.link.controller,
      routeContext: connected.routeContext,
      routeChoice: connected.routeChoice,
    });
  } finally {
    connected.link.disconnect();
  }
}

/** What was written, in a few lines: the bundle, what was masked and obfuscated, where the mapping is. */
export function describeExport(written: SupportBundleWritten, elapsedMs: number): string {
  const { content, obfuscation } = written;
  const lines = [
    `Wrote ${written.path} (${describeBytes(written.bytes)}) in ${(elapsedMs / 1000).toFixed(1)} s: a support bundle of ${content.meta.labName}, ${content.inventory.machines.length} machines, ${content.commands.length} commands, ${content.recordings.length} recordings`,
    `Masked: ${written.masked} secret values${written.maskedByExport > 0 ? ` (${written.maskedByExport} of them by this export: the snapshot had them in clear)` : ''}`,
  ];
  if (obfuscation) {
    lines.push(
      `Obfuscated: ${obfuscation.addresses} IPv4 addresses in ${obfuscation.networks} networks, ${obfuscation.macs} MACs, ${obfuscation.hostnames} hostnames, ${obfuscation.domains} domains (${obfuscation.replacements} replacements)`,
    );
    if (obfuscation.hostnamesLeftAsIs.length > 0) lines.push(`  left as they are (also words of the lab): ${obfuscation.hostnamesLeftAsIs.join(', ')}`);
    lines.push(`Mapping back to the real values: ${written.mappingPath} — keep it on this computer; it is not in the bundle, never send it`);
  } else {
    lines.push('Not obfuscated: addresses, hostnames and MACs are as the lab had them (--obfuscate replaces them)');
  }
  return lines.join('\n');
}
