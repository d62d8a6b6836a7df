// Every parser, fuzzed with its real outputs damaged (issue 12 §5): bytes flipped, cut anywhere,
// lines doubled, dropped or swapped, spliced with another output, random bytes and invalid UTF-8.
// For each case: nothing is thrown, the result keeps its types and names only lines the input has,
// and the parser answers. Seeded: a failure prints the seed and the smallest input that fails, and
// the same run happens on every machine.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { MAX_PROBLEMS, PARSE_KINDS, parsers, type ParseKind } from '../../../electron/probes/parsers';
import { fixture, fixtureNames } from '../parsers/fixtures';
import { assertSeeded } from './fuzz-report';
import { deeplyNested, mutatedOutputs, yamlAliasBomb } from './output-mutations';
import { learnSkeleton, shapeFaults, type TypeSkeleton } from './parse-result-shape';

/** Fixed, so CI runs the same 10,000 cases each time; FUZZ_SEED=<n> explores others locally. */
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_612);
/** Issue 12: at least this many cases per parser. */
const CASES_PER_PARSER = 10_000;
/**
 * A hang bound, not a timing assertion: real outputs parse in well under a millisecond to a few
 * milliseconds, and a loaded 2-core CI machine may be 50 times slower. Only a parser stuck in a
 * quadratic or exponential path on an input of a few kilobytes goes past this.
 */
const HANG_BOUND_MS = 2_000;
/** Inputs grow past the fixtures (a long line doubled 40 times): the bound is per this many characters. */
const HANG_BOUND_CHARS = 64 * 1024;
/** Per parser, for 10,000 cases on the loaded CI machine (measured: see the commit). */
const FUZZ_TIMEOUT_MS = 120_000;

/** Where each kind's real outputs are (lxc profile list's live with lxc profile's). */
const FIXTURE_FOLDER: Record<ParseKind, string> = { ...Object.fromEntries(PARSE_KINDS.map((kind) => [kind, kind])), 'lxc-profile-list': 'lxc-profile' } as Record<ParseKind, string>;

/** Places in a model that hold the output's own values, of any type (see shapeFaults). */
const FREE_FORM: Partial<Record<ParseKind, string[]>> = { 'ovs-list': ['.records[].columns'] };

const FOLDERS = [...new Set([...Object.values(FIXTURE_FOLDER), 'transcripts'])];
const EVERY_OUTPUT = FOLDERS.flatMap((folder) => fixtureNames(folder).map((name) => fixture(folder, name)));

/** Checks one parse of `input` by `kind`: the faults found, the hang bound included. */
function faultsOf(kind: ParseKind, input: string, skeleton: TypeSkeleton): string[] {
  const started = performance.now();
  const result = parsers[kind](input);
  const elapsed = performance.now() - started;
  const faults = shapeFaults(result, input, skeleton, MAX_PROBLEMS, FREE_FORM[kind]);
  const bound = HANG_BOUND_MS * Math.max(1, Math.ceil(input.length / HANG_BOUND_CHARS));
  if (elapsed > bound) faults.push(`took ${Math.round(elapsed)} ms on ${input.length} characters, past the ${bound} ms hang bound`);
  return faults;
}

function skeletonOf(kind: ParseKind): TypeSkeleton {
  const folder = FIXTURE_FOLDER[kind];
  return learnSkeleton([parsers[kind]('').value, ...fixtureNames(folder).map((name) => parsers[kind](fixture(folder, name)).value)]);
}

describe.each(PARSE_KINDS)('%s, fuzzed with its real outputs damaged', (kind) => {
  const own = fixtureNames(FIXTURE_FOLDER[kind]).map((name) => fixture(FIXTURE_FOLDER[kind], name));
  // The types each place of the model has in the real outputs and in the empty one.
  const skeleton = skeletonOf(kind);

  it(`never throws, keeps its types, names lines that exist, and answers (${CASES_PER_PARSER} cases)`, { timeout: FUZZ_TIMEOUT_MS }, () => {
    assertSeeded(
      kind,
      fc.property(mutatedOutputs(own, EVERY_OUTPUT), (input) => {
        const faults = faultsOf(kind, input, skeleton);
        if (faults.length > 0) throw new Error(faults.join('\n'));
      }),
      { seed: FUZZ_SEED, numRuns: CASES_PER_PARSER },
    );
  });
});

/** Cases per kind for the shapes no real output has; each is large, so fewer. */
const HOSTILE_CASES = 10;
const TEN_MEGABYTES = 10 * 1024 * 1024;

describe('outputs past any real one, for every parser', () => {
  const skeletons = new Map(PARSE_KINDS.map((kind) => [kind, skeletonOf(kind)]));
  const check = (kind: ParseKind, input: string) => {
    const faults = faultsOf(kind, input, skeletons.get(kind)!);
    if (faults.length > 0) throw new Error(faults.join('\n'));
  };

  it('nesting up to 100,000 deep, in JSON, YAML and OVSDB syntax', { timeout: FUZZ_TIMEOUT_MS }, () => {
    assertSeeded('deep-nesting', fc.property(fc.constantFrom(...PARSE_KINDS), deeplyNested, check), { seed: FUZZ_SEED, numRuns: HOSTILE_CASES * PARSE_KINDS.length });
  });

  it('YAML alias bombs ("billion laughs"), refused rather than expanded', { timeout: FUZZ_TIMEOUT_MS }, () => {
    assertSeeded('alias-bomb', fc.property(fc.constantFrom(...PARSE_KINDS), yamlAliasBomb, check), { seed: FUZZ_SEED, numRuns: HOSTILE_CASES * PARSE_KINDS.length });
  });

  it('10 MB of a damaged real output, for the parsers of the largest outputs', { timeout: FUZZ_TIMEOUT_MS }, () => {
    // The damaged fixture repeated to 10 MB: a runaway capture. One case each (hostile-input.test.ts
    // has a plain 10 MB per kind); the hang bound scales with the size.
    for (const kind of ['juju-status', 'lxc-list', 'ip-link'] as const) {
      const own = fixtureNames(FIXTURE_FOLDER[kind]).map((name) => fixture(FIXTURE_FOLDER[kind], name));
      const [sample] = fc.sample(mutatedOutputs(own, EVERY_OUTPUT), { seed: FUZZ_SEED, numRuns: 1 });
      const unit = sample || own[0]!;
      check(kind, unit.repeat(Math.ceil(TEN_MEGABYTES / unit.length)).slice(0, TEN_MEGABYTES));
    }
  });
});
