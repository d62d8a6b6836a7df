// The first view's part of an inventory (inventory.firstView): what Overview draws, and only that.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { LabInventory } from '../contract/inventory';
import { parseJujuStatus } from '../probes/parsers/juju-status';
import { inventoryFirstView } from './inventory-first-view';
import { runHealthChecks } from '../health/run-health-checks';

const fixture = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const lab = JSON.parse(fixture('renderer/views/network/fixtures/orangebox-lab-inventory.json')) as LabInventory;
const walkthrough = parseJujuStatus(fixture('test/fixtures/outputs/juju-status/walkthrough-2.0.1-tabular.txt')).value;
const hostname = lab.probes.find((outcome) => outcome.machineId === 'controller' && outcome.probeId === 'hostname')!;
const jujuStatus = { ...hostname, probeId: 'juju-status', value: walkthrough };
const withModel: LabInventory = { ...lab, probes: [...lab.probes, jujuStatus] };

describe('the first view’s part of an inventory', () => {
  it('keeps the machines, the controller’s juju status and the Juju containers’ links, and no other probe', () => {
    const part = inventoryFirstView(withModel)!;
    expect(part.labId).toBe(lab.labId);
    expect(part.machines).toEqual(lab.machines);
    expect(part.probes).toEqual([jujuStatus]);
    const jujuContainers = lab.links.containers.filter((link) => link.jujuMachineId !== null);
    expect(jujuContainers.length).toBeGreaterThan(0);
    expect(jujuContainers.length).toBeLessThan(lab.links.containers.length);
    expect(part.links.containers).toEqual(jujuContainers);
  });

  it('is far smaller than the whole it was cut from', () => {
    expect(JSON.stringify(inventoryFirstView(withModel)).length).toBeLessThan(JSON.stringify(withModel).length / 4);
  });

  it('carries the health report whole, for the status bar’s counts by severity', () => {
    const health = runHealthChecks(withModel);
    expect(inventoryFirstView({ ...withModel, health })!.health).toEqual(health);
    expect(inventoryFirstView(withModel)!.health).toBeNull();
  });

  it('is nothing when nothing was read, and has no probe before juju status was read', () => {
    expect(inventoryFirstView(null)).toBeNull();
    expect(inventoryFirstView(lab)!.probes).toEqual([]);
  });
});
