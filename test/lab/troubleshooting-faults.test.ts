// Each fault a field engineer meets on a nova-lxd cloud, injected in the real lab (faults.sh), is
// found by the console's health checks after a refresh: the right check, naming the right object
// (the qvo, the qbr, the tap, the floating address, the qdhcp namespace, the stale port) on the
// right machine; once the fault is off, the next refresh no longer finds it. With every fault off
// the checks find nothing on the lab. Every fault is turned off again whatever happens (other test
// files share this lab).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import type { HealthFinding, HealthReport } from '../../electron/contract/health';
import type { LabInventory } from '../../electron/contract/inventory';
import type { SshConnection } from '../../electron/ssh/ssh-connection';
import { sshController } from '../../electron/lab/lab-controller';
import { labCredentials } from '../support/lab-credentials';
import { allLabFaultsOff, FAULT_CHECK, LAB_FAULT_NAMES, LAB_FAULTS_HOLD_WAIT_MS, labFaults, releaseLabFaults, setLabFault, type LabFault } from './lab-faults';
import { loadLabManifest } from './lab-manifest';

/** A refresh runs every probe plus the `openstack` lists: tens of seconds, minutes on a loaded 2-core machine. */
const REFRESH_LIMIT_MS = 600_000;
/** On, refresh, off, refresh: two refreshes and two faults.sh runs. */
const FAULT_TEST_LIMIT_MS = 2 * REFRESH_LIMIT_MS + 240_000;

let controller: SshConnection;
let keeper: InventoryKeeper;
let faults: LabFault[];

async function healthNow(): Promise<HealthReport> {
  const inventory: LabInventory = await keeper.refresh();
  if (!inventory.health) throw new Error('the refreshed inventory carries no health report (inventory.health): the core did not run the checks');
  return inventory.health;
}

const describeFinding = (finding: HealthFinding) => `${finding.checkId}: ${finding.object.kind} ${finding.object.name} on ${finding.object.machineId ?? 'the lab'} — ${finding.message}`;
const listed = (findings: readonly HealthFinding[]) => (findings.length === 0 ? 'no findings' : findings.map(describeFinding).join('\n'));
const about = (findings: readonly HealthFinding[], fault: LabFault) => findings.filter((finding) => finding.object.name === fault.object.name);

beforeAll(async () => {
  faults = await labFaults();
  const lab = loadLabManifest();
  // Holds the lab's faults for this file (another file's fault would be a finding here), and turns
  // off any fault a killed earlier run left on.
  await allLabFaultsOff();
  const credentials = labCredentials(lab);
  controller = await credentials.openController();
  keeper = new InventoryKeeper({
    labId: 'lab-000000000013',
    controller: () => sshController(controller),
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
    onInventory: () => {},
    onProbe: () => {},
  });
}, LAB_FAULTS_HOLD_WAIT_MS + REFRESH_LIMIT_MS);

afterAll(async () => {
  try {
    await releaseLabFaults();
  } finally {
    keeper?.stop();
    controller?.close();
  }
}, REFRESH_LIMIT_MS);

describe('health checks on the real lab', () => {
  it('find nothing with every fault off, and every check ran', async () => {
    const health = await healthNow();
    expect(health.findings, listed(health.findings)).toEqual([]);
    const notRun = health.checks.filter((check) => check.status !== 'ran');
    expect(notRun.map((check) => `${check.id}: ${check.note}`)).toEqual([]);
  }, REFRESH_LIMIT_MS);

  for (const name of LAB_FAULT_NAMES) {
    it(`find ${name} with ${FAULT_CHECK[name]}, naming its object and machine, and no longer once it is off`, async () => {
      const fault = faults.find((candidate) => candidate.name === name)!;
      let withFault: HealthReport;
      try {
        const touched = await setLabFault(name, 'on');
        expect(touched).toContain(fault.object.name);
        withFault = await healthNow();
      } finally {
        await setLabFault(name, 'off');
      }
      const found = about(withFault.findings, fault).filter((finding) => finding.checkId === FAULT_CHECK[name]);
      expect(found.length, `${fault.object.kind} ${fault.object.name} (${fault.note}) among:\n${listed(withFault.findings)}`).toBeGreaterThan(0);
      expect(found.some((finding) => fault.machineIds.includes(finding.object.machineId ?? '')), `a finding on machine ${fault.machineIds.join(' or ')}:\n${listed(found)}`).toBe(true);
      for (const finding of found) {
        expect([...fault.machineIds, ...fault.sharedBy], describeFinding(finding)).toContain(finding.object.machineId);
        expect(finding.object.kind).toBe(fault.object.kind);
        expect(finding.severity).not.toBe('info');
        expect(finding.message).toContain(fault.object.name);
        expect(finding.evidence.length).toBeGreaterThan(0);
      }

      const mended = await healthNow();
      expect(about(mended.findings, fault), listed(mended.findings)).toEqual([]);
      expect(mended.findings, listed(mended.findings)).toEqual([]);
    }, FAULT_TEST_LIMIT_MS);
  }
});
