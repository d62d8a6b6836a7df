// The Overview's arrangement of a real Juju model: the walkthrough's `juju status`, parsed by the
// console's own parser.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import { arrangeApplications, arrangeMachines, arrangeRelations, arrangeUnits, emptyFilter, firstLineOfApplication, machineLines, problemCount, toneOf, unitLines } from './juju-model-view';

const walkthrough = parseJujuStatus(readFileSync(new URL('../../../test/fixtures/outputs/juju-status/walkthrough-2.0.1-tabular.txt', import.meta.url), 'utf8')).value;

describe('the Overview’s view of the walkthrough model', () => {
  it('nests subordinates under their principal unit', () => {
    const rows = arrangeUnits(walkthrough, emptyFilter());
    const compute = rows.find((row) => row.unit.name === 'nova-compute/0')!;
    expect(compute.subordinates.map((unit) => unit.name)).toEqual(['lxd/1', 'neutron-openvswitch/1', 'ntp/1']);
    expect(rows.every((row) => row.unit.principal === null)).toBe(true);
    expect(rows.reduce((count, row) => count + 1 + row.subordinates.length, 0)).toBe(walkthrough.units.length);
  });

  it('nests LXD containers under their machine', () => {
    const rows = arrangeMachines(walkthrough, emptyFilter());
    expect(rows.map((row) => row.machine.id)).toEqual(['21', '22', '23', '24', '25', '26']);
    expect(rows.find((row) => row.machine.id === '22')!.containers.map((machine) => machine.id)).toEqual(['22/lxd/0', '22/lxd/1', '22/lxd/2']);
  });

  it('filters by name across nested rows, keeping the principal of a matching subordinate', () => {
    const rows = arrangeUnits(walkthrough, { ...emptyFilter(), text: 'neutron-openvswitch/2' });
    expect(rows.map((row) => row.unit.name)).toEqual(['nova-compute/2']);
    expect(arrangeApplications(walkthrough, { ...emptyFilter(), text: 'percona' }).map((application) => application.name)).toEqual(['mysql']);
    expect(arrangeRelations(walkthrough, { ...emptyFilter(), text: 'subordinate' }).length).toBe(4);
  });

  it('puts problems first and filters by status tone', () => {
    const degraded = { ...walkthrough, applications: walkthrough.applications.map((application) => (application.name === 'rabbitmq-server' ? { ...application, status: 'blocked' } : application)) };
    expect(arrangeApplications(degraded, { ...emptyFilter(), problemsFirst: true })[0]!.name).toBe('rabbitmq-server');
    expect(arrangeApplications(degraded, { ...emptyFilter(), tone: 'bad' }).map((application) => application.name)).toEqual(['rabbitmq-server']);
    expect(problemCount(degraded).applications).toBe(1);
    expect(problemCount(walkthrough)).toEqual({ applications: 0, units: 0, machines: 0 });
  });

  it('gives every status a tone, unknown ones neutral', () => {
    expect([toneOf('active'), toneOf('blocked'), toneOf('waiting'), toneOf('unknown'), toneOf('never-seen'), toneOf(null)]).toEqual(['ok', 'bad', 'warn', 'idle', 'idle', 'idle']);
  });

  it('lays units out as lines for a windowed table, each subordinate right under its principal', () => {
    const lines = unitLines(arrangeUnits(walkthrough, emptyFilter()));
    expect(lines.length).toBe(walkthrough.units.length);
    const at = lines.findIndex((line) => line.unit.name === 'nova-compute/0');
    expect(lines.slice(at, at + 4).map((line) => [line.unit.name, line.principal])).toEqual([
      ['nova-compute/0', null],
      ['lxd/1', 'nova-compute/0'],
      ['neutron-openvswitch/1', 'nova-compute/0'],
      ['ntp/1', 'nova-compute/0'],
    ]);
    // Every subordinate follows its principal or a sibling: the nesting survives flattening.
    lines.forEach((line, index) => {
      if (line.principal !== null) expect([lines[index - 1]!.unit.name, lines[index - 1]!.principal]).toContain(line.principal);
    });
  });

  it('keeps a subordinate under its principal when problems come first', () => {
    const units = walkthrough.units.map((unit) => (unit.name === 'ntp/1' ? { ...unit, workloadStatus: 'error' } : unit));
    const lines = unitLines(arrangeUnits({ ...walkthrough, units }, { ...emptyFilter(), problemsFirst: true }));
    expect(lines.slice(0, 4).map((line) => line.unit.name)).toEqual(['nova-compute/0', 'lxd/1', 'neutron-openvswitch/1', 'ntp/1']);
  });

  it('lays machines out as lines with their containers under them', () => {
    const lines = machineLines(arrangeMachines(walkthrough, emptyFilter()));
    expect(lines.length).toBe(walkthrough.machines.length);
    const at = lines.findIndex((line) => line.machine.id === '22');
    expect(lines.slice(at, at + 4).map((line) => [line.machine.id, line.host])).toEqual([['22', null], ['22/lxd/0', '22'], ['22/lxd/1', '22'], ['22/lxd/2', '22']]);
  });

  it('finds the first line of an application, subordinate ones too', () => {
    const lines = unitLines(arrangeUnits(walkthrough, emptyFilter()));
    expect(lines[firstLineOfApplication(lines, 'ntp')]!.unit.application).toBe('ntp');
    expect(lines[firstLineOfApplication(lines, 'nova-compute')]!.unit.name).toMatch(/^nova-compute\//);
    expect(firstLineOfApplication(lines, 'no-such-application')).toBe(-1);
  });
});
