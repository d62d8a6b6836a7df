// The checks of the lab's software and state: compute nodes' driver and packages, Juju's units and
// machines, containers Nova or Juju expect running; each finds its fault, naming the object and
// machine, and nothing on a healthy lab.
import { describe, expect, it } from 'vitest';
import { CONTROLLER_MACHINE_ID } from '../../contract/inventory';
import type { HealthCheck } from '../health-check';
import { healthyLab, INSTANCE_0C, inventoryOf, model, stackPackage, type HealthLab } from '../../../test/support/health-lab';
import { COMPUTE_DRIVER_NOT_LXD } from './compute-driver-not-lxd';
import { COMPUTE_PACKAGES_DIFFER } from './compute-packages-differ';
import { CONTAINER_STOPPED } from './container-stopped';
import { JUJU_MACHINE_DOWN } from './juju-machine-down';
import { JUJU_UNIT_BLOCKED } from './juju-unit-blocked';
import { JUJU_UNIT_ERROR } from './juju-unit-error';

const run = (check: HealthCheck, lab: HealthLab) => check.run(inventoryOf(lab));
const juju = (lab: HealthLab) => model(lab, CONTROLLER_MACHINE_ID, 'juju-status', 'juju-status');

describe.each([COMPUTE_DRIVER_NOT_LXD, COMPUTE_PACKAGES_DIFFER, CONTAINER_STOPPED, JUJU_MACHINE_DOWN, JUJU_UNIT_BLOCKED, JUJU_UNIT_ERROR])('$id', (check) => {
  it('finds nothing on a healthy lab', () => {
    expect(run(check, healthyLab())).toEqual([]);
  });
});

describe('compute-driver-not-lxd', () => {
  it('finds a compute node on libvirt, quoting compute_driver and its file', () => {
    const lab = healthyLab();
    model(lab, '24', 'nova-compute-conf', 'nova-compute-conf').sections.DEFAULT!.compute_driver = 'libvirt.LibvirtDriver';
    const findings = run(COMPUTE_DRIVER_NOT_LXD, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'machine', name: 'node05ob64', machineId: '24' }]);
    expect(findings[0]!.message).toMatch(/^machine 24 is a compute node of an OrangeBox but runs libvirt\/KVM \(libvirt\.LibvirtDriver\), not nova-lxd/);
    expect(findings[0]!.evidence).toEqual(['compute_driver = libvirt.LibvirtDriver (/etc/nova/nova-compute.conf line 2)']);
  });
});

describe('compute-packages-differ', () => {
  it('finds the node whose nova-lxd differs from the others, with every node’s version as evidence', () => {
    const lab = healthyLab();
    const packages = model(lab, '24', 'packages', 'packages').packages;
    packages[packages.findIndex((pkg) => pkg.name === 'nova-compute-lxd')] = stackPackage('nova-compute-lxd', '14.0.0-0ubuntu1');
    // A third node like 22 makes 14.2.0 the version most nodes have.
    lab.machines.push({ ...lab.machines.find((machine) => machine.id === '22')!, id: '25', hostname: 'node07ob64' });
    lab.outcomes.push({ ...lab.outcomes.find((outcome) => outcome.machineId === '22' && outcome.probeId === 'packages')!, machineId: '25' });
    const findings = run(COMPUTE_PACKAGES_DIFFER, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'machine', name: 'node05ob64', machineId: '24' }]);
    expect(findings[0]!.message).toContain('nova-compute-lxd 14.0.0-0ubuntu1 (the others have 14.2.0-0ubuntu1)');
    expect(findings[0]!.evidence).toEqual(['machine 22: nova-compute-lxd 14.2.0-0ubuntu1', 'machine 24: nova-compute-lxd 14.0.0-0ubuntu1', 'machine 25: nova-compute-lxd 14.2.0-0ubuntu1']);
  });

  it('names the older of two nodes that disagree, and a package one node lacks', () => {
    const lab = healthyLab();
    const packages = model(lab, '22', 'packages', 'packages');
    packages.packages = packages.packages.filter((pkg) => pkg.name !== 'python-pylxd').map((pkg) => (pkg.name === 'lxd' ? stackPackage('lxd', '5.0.1-1') : pkg));
    const findings = run(COMPUTE_PACKAGES_DIFFER, lab);
    expect(findings.map((finding) => finding.object.machineId)).toEqual(['22']);
    expect(findings[0]!.message).toContain('lxd 5.0.1-1 (the others have 5.0.2-5), python-pylxd not installed (the others have 2.0.5-0ubuntu1)');
  });
});

describe('container-stopped', () => {
  it('finds a stopped Juju container, naming the units in it', () => {
    const lab = healthyLab();
    model(lab, '23', 'lxc-list', 'lxc-list').instances[0]!.state = 'STOPPED';
    const findings = run(CONTAINER_STOPPED, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'container', name: 'juju-79fcc7-23-lxd-0', machineId: '23' }]);
    expect(findings[0]!.message).toBe('juju-79fcc7-23-lxd-0 on machine 23 is STOPPED, but Juju runs it as machine 23/lxd/0 with keystone/0: the services in it are down; start it with `lxc start juju-79fcc7-23-lxd-0`.');
  });

  it('finds a stopped instance whose Nova server is ACTIVE; leaves one Nova knows nothing of', () => {
    const lab = healthyLab();
    model(lab, '22', 'lxc-list', 'lxc-list').instances[0]!.state = 'STOPPED';
    expect(run(CONTAINER_STOPPED, lab)).toEqual([]);
    const inventory = inventoryOf(lab);
    inventory.links.containers.find((link) => link.container === INSTANCE_0C.name)!.server = { serverId: INSTANCE_0C.vmUuid, name: 'lxc-test-1', project: null, status: 'ACTIVE', floatingIps: [] };
    const findings = CONTAINER_STOPPED.run(inventory);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'container', name: INSTANCE_0C.name, machineId: '22' }]);
    expect(findings[0]!.message).toContain('but Nova has its server lxc-test-1 ACTIVE');
  });
});

describe('juju checks', () => {
  it('finds a unit in error with its message, on the machine it lives on', () => {
    const lab = healthyLab();
    Object.assign(juju(lab).units.find((unit) => unit.name === 'keystone/0')!, { workloadStatus: 'error', message: 'hook failed: "config-changed"' });
    const findings = run(JUJU_UNIT_ERROR, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'unit', name: 'keystone/0', machineId: '23' }]);
    expect(findings[0]!.message).toBe('keystone/0 (machine 23/lxd/0) is in error (hook failed: "config-changed"): its charm stopped; read `juju debug-log --include keystone/0`, fix the cause, then `juju resolved keystone/0`.');
  });

  it('finds an application in error only when none of its units says why', () => {
    const lab = healthyLab();
    juju(lab).applications.find((application) => application.name === 'keystone')!.status = 'error';
    expect(run(JUJU_UNIT_ERROR, lab).map((finding) => finding.object)).toEqual([{ kind: 'application', name: 'keystone', machineId: null }]);
  });

  it('finds a blocked unit with what its charm waits for', () => {
    const lab = healthyLab();
    Object.assign(juju(lab).units.find((unit) => unit.name === 'nova-compute/1')!, { workloadStatus: 'blocked', message: 'Missing relations: messaging' });
    const findings = run(JUJU_UNIT_BLOCKED, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'unit', name: 'nova-compute/1', machineId: '24' }]);
    expect(findings[0]!.message).toContain('is blocked: Missing relations: messaging');
  });

  it('finds a machine down, and leaves a container down that LXD shows stopped to container-stopped', () => {
    const lab = healthyLab();
    juju(lab).machines.find((machine) => machine.id === '24')!.state = 'down';
    juju(lab).machines.find((machine) => machine.id === '23/lxd/0')!.state = 'down';
    model(lab, '23', 'lxc-list', 'lxc-list').instances[0]!.state = 'STOPPED';
    const findings = run(JUJU_MACHINE_DOWN, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'machine', name: '24', machineId: '24' }]);
    expect(findings[0]!.message).toBe('Juju machine 24 is down, with nova-compute/1 on it: check that it is powered and its jujud agent runs.');
  });
});
