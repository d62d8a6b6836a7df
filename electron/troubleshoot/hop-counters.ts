// Reading every hop's counters at once: one command per place they live (the machine's links,
// each namespace's links, each machine's OVS interfaces), all in parallel, each bounded; a hop
// whose place could not be read carries the reason instead of numbers.
import type { HopCounterReading, HopCounters, HopCounterSource, PathHop } from '../contract/troubleshoot';
import type { CommandOptions, CommandResult } from '../transports/command-transport';
import { parseLinkStatistics, parseOvsStatistics, type CountersByName } from './link-statistics';

/** Runs an argv on a lab machine (the lab session's `run`). */
export type MachineRunner = (machineId: string, argv: readonly string[], options: CommandOptions) => Promise<CommandResult>;

/** A counters read is a handful of small outputs; beyond this the machine is not answering. */
export const COUNTERS_TIMEOUT_MS = 8_000;

interface Place {
  machineId: string;
  argv: string[];
  parse: (text: string) => CountersByName;
  /** hop id → the name to pick from the output. */
  hops: Map<string, string>;
}

export function counterArgv(source: HopCounterSource): string[] {
  if (source.kind === 'ovs') return ['sudo', '-n', 'ovs-vsctl', '--format=json', '--columns=name,statistics', 'list', 'Interface'];
  const link = ['ip', '-s', '-j', 'link'];
  return source.namespace ? ['sudo', '-n', 'ip', 'netns', 'exec', source.namespace, ...link] : link;
}

function places(hops: readonly PathHop[]): Place[] {
  const byKey = new Map<string, Place>();
  for (const hop of hops) {
    const source = hop.counters;
    if (!source) continue;
    const key = source.kind === 'ovs' ? `ovs|${source.machineId}` : `link|${source.machineId}|${source.namespace ?? ''}`;
    let place = byKey.get(key);
    if (!place) byKey.set(key, (place = { machineId: source.machineId, argv: counterArgv(source), parse: source.kind === 'ovs' ? parseOvsStatistics : parseLinkStatistics, hops: new Map() }));
    place.hops.set(hop.id, source.kind === 'ovs' ? source.interface : source.device);
  }
  return [...byKey.values()];
}

/** Every counted hop's counters now: hop id → its counters, or why not. */
export async function readHopCounters(run: MachineRunner, hops: readonly PathHop[], signal?: AbortSignal): Promise<Map<string, { counters: HopCounters | null; error: string | null }>> {
  const read = new Map<string, { counters: HopCounters | null; error: string | null }>();
  await Promise.all(
    places(hops).map(async (place) => {
      let parsed: CountersByName;
      try {
        const result = await run(place.machineId, place.argv, { timeoutMs: COUNTERS_TIMEOUT_MS, signal });
        parsed = result.exitCode === 0 ? place.parse(result.stdout) : { counters: new Map(), error: `${place.argv.join(' ')} exited ${result.exitCode ?? result.signal}: ${result.stderr.trim().split('\n')[0] ?? ''}` };
      } catch (error) {
        parsed = { counters: new Map(), error: `${place.argv.join(' ')} could not run: ${error instanceof Error ? error.message : String(error)}` };
      }
      for (const [hopId, name] of place.hops) {
        const counters = parsed.counters.get(name) ?? null;
        read.set(hopId, { counters, error: counters ? null : (parsed.error ?? `${place.argv.join(' ')} shows no ${name}`) });
      }
    }),
  );
  return read;
}

/** Before and after, per counted hop, in path order. */
export function counterReadings(
  hops: readonly PathHop[],
  before: Map<string, { counters: HopCounters | null; error: string | null }>,
  after: Map<string, { counters: HopCounters | null; error: string | null }> | null,
): HopCounterReading[] {
  return hops
    .filter((hop) => hop.counters)
    .map((hop) => {
      const first = before.get(hop.id);
      const second = after?.get(hop.id);
      return { hopId: hop.id, before: first?.counters ?? null, after: second?.counters ?? null, error: second?.error ?? first?.error ?? null };
    });
}
