// What a probe is: the command it runs (argv), the machines it applies to, the parser from its raw
// output to the model of its kind (ProbeModels), and what to say when the command fails. Typed by
// kind, so a parser returning another model does not compile.
import type { InventoryMachine } from '../contract/inventory';
import type { ProbeIdOf, ProbeKind, ProbeModels } from '../contract/probe-models';
import type { ParseResult } from './parsers/parse-result';

export interface ProbeDefinition<K extends ProbeKind = ProbeKind> {
  id: ProbeIdOf<K>;
  kind: K;
  /** What the machine must be for this probe to apply. */
  appliesTo(machine: InventoryMachine): boolean;
  command(machine: InventoryMachine): string[];
  parse(text: string): ParseResult<ProbeModels[K]>;
  /** How long it may take when it is slower than the runner's bound by nature (one command that runs many). */
  timeoutMs?: number;
  /** Exit codes other than 0 that still mean "here is the answer" (e.g. grep's 1). */
  acceptedExitCodes?: number[];
  /** What to say when the command fails, keyed by a stderr pattern. */
  explainFailure?(stderr: string, machine: InventoryMachine): string | null;
}

/** Any one probe, whatever its kind (what lists of probes and the runner hold). */
export type AnyProbeDefinition = { [K in ProbeKind]: ProbeDefinition<K> }[ProbeKind];
