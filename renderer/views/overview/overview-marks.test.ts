// What a pick in the Overview marks, where its row is and whether the filter hides it, on the
// walkthrough's Juju model and on a model of a thousand units.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import type { JujuStatus, JujuUnit } from '../../../electron/contract/lab-model';
import { arrangeMachines, arrangeUnits, emptyFilter, machineLines, unitLines } from './juju-model-view';
import { hiddenBy, machineLineOf, marksOf, relationEnds, relationKey, unitLineOf } from './overview-marks';

const walkthrough = parseJujuStatus(readFileSync(new URL('../../../test/fixtures/outputs/juju-status/walkthrough-2.0.1-tabular.txt', import.meta.url), 'utf8')).value;

/** The benchmarks' scale: 50 applications, 1,000 units. */
function largeModel(): JujuStatus {
  const units: JujuUnit[] = Array.from({ length: 1000 }, (_, index) => ({
    name: `app-${String(index % 50).padStart(3, '0')}/${Math.floor(index / 50)}`,
    application: `app-${String(index % 50).padStart(3, '0')}`,
    machine: String(1 + (index % 50)),
    address: null,
    workloadStatus: 'active',
    agentStatus: 'idle',
    message: null,
    leader: index < 50,
    principal: null,
    ports: [],
  }));
  return { ...walkthrough, units, applications: [], relations: [] };
}

describe('a pick in the Overview', () => {
  it('marks an application’s row, all its units (subordinates too) and opens its detail', () => {
    const marks = marksOf({ kind: 'application', name: 'ntp' }, walkthrough);
    const ntpUnits = walkthrough.units.filter((unit) => unit.application === 'ntp').map((unit) => unit.name);
    expect(ntpUnits.length).toBeGreaterThan(1);
    expect([...marks.applications]).toEqual(['ntp']);
    expect([...marks.units].sort()).toEqual(ntpUnits.sort());
    expect(marks.detail).toBe('ntp');
    expect(marks.machines.size).toBe(0);
  });

  it('marks a unit or a machine alone, with no detail open', () => {
    expect(marksOf({ kind: 'unit', name: 'keystone/0' }, walkthrough)).toMatchObject({ units: new Set(['keystone/0']), applications: new Set(), detail: null });
    expect(marksOf({ kind: 'machine', id: '22/lxd/1' }, walkthrough)).toMatchObject({ machines: new Set(['22/lxd/1']), units: new Set(), detail: null });
    expect(marksOf(null, walkthrough).units.size).toBe(0);
    expect(marksOf({ kind: 'unit', name: 'keystone/0' }, null).units.size).toBe(0);
  });

  it('marks a relation’s row and the applications at both of its ends', () => {
    const relation = walkthrough.relations.find((candidate) => candidate.application === 'glance' && candidate.relatedApplication === 'keystone')!;
    expect(relationEnds(relation)).toEqual(['glance:identity-service', 'keystone']);
    const marks = marksOf({ kind: 'relation', key: relationKey(relation) }, walkthrough);
    expect(marks.relation).toBe('glance:identity-service keystone');
    expect([...marks.applications].sort()).toEqual(['glance', 'keystone']);
    expect(marks.detail).toBeNull();
    // A relation the model no longer has marks no application.
    expect(marksOf({ kind: 'relation', key: 'gone:x gone-too' }, walkthrough).applications.size).toBe(0);
  });

  it('says when the filter hides the row a pick leads to, and not when the model has no such row', () => {
    const filter = { ...emptyFilter(), text: 'nova-compute' };
    expect(hiddenBy(filter, { kind: 'unit', name: 'keystone/0' }, walkthrough)).toBe(true);
    expect(hiddenBy(filter, { kind: 'unit', name: 'nova-compute/0' }, walkthrough)).toBe(false);
    expect(hiddenBy(emptyFilter(), { kind: 'unit', name: 'keystone/0' }, walkthrough)).toBe(false);
    expect(hiddenBy(filter, { kind: 'application', name: 'keystone' }, walkthrough)).toBe(true);
    expect(hiddenBy(filter, { kind: 'machine', id: '23' }, walkthrough)).toBe(true);
    const relation = walkthrough.relations.find((candidate) => candidate.application === 'glance' && candidate.relatedApplication === 'keystone')!;
    expect(hiddenBy(filter, { kind: 'relation', key: relationKey(relation) }, walkthrough)).toBe(true);
    expect(hiddenBy(filter, { kind: 'unit', name: 'no-such/9' }, walkthrough)).toBe(false);
    // Problems only: a unit that is fine is hidden.
    expect(hiddenBy({ ...emptyFilter(), tone: 'bad' }, { kind: 'unit', name: 'keystone/0' }, walkthrough)).toBe(true);
  });

  it('finds the line a unit, an application or a machine scrolls to, far down a thousand units', () => {
    const model = largeModel();
    const lines = unitLines(arrangeUnits(model, emptyFilter()));
    expect(unitLineOf({ kind: 'unit', name: 'app-049/19' }, lines)).toBe(999);
    expect(unitLineOf({ kind: 'application', name: 'app-049' }, lines)).toBe(49);
    expect(unitLineOf({ kind: 'unit', name: 'app-049/20' }, lines)).toBe(-1);
    expect(unitLineOf({ kind: 'machine', id: '1' }, lines)).toBe(-1);
    const machines = machineLines(arrangeMachines(walkthrough, emptyFilter()));
    const container = machineLineOf({ kind: 'machine', id: '22/lxd/1' }, machines);
    // A container's line comes right after its host's and the host's other containers.
    expect(machines[container]!.host).toBe('22');
    expect(machineLineOf({ kind: 'unit', name: 'keystone/0' }, machines)).toBe(-1);
  });
});
