import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JujuStatus, LxcList } from '../../contract/lab-model';
import { decodeSnapshot } from '../snapshot-file';
import { readSnapshotInventory } from '../snapshot-inventory';
import { DEMO_CONTROLLER_HOST, DEMO_LAB_NAME, DEMO_ROUTER_NAMESPACE } from './demo-lab';
import { DEMO_LAB_ASSET, demoLabBytes } from './demo-lab-file';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the demo lab', () => {
  it('is the same bytes every time the generator runs, and the shipped file is what it makes now', async () => {
    const first = await demoLabBytes(ROOT);
    const second = await demoLabBytes(ROOT);
    expect(second.equals(first)).toBe(true);
    // If this fails, the demo's sources changed: run `node electron/build/build-demo-lab.mjs`.
    expect(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`).equals(first)).toBe(true);
  });

  it('opens as a demo of the walkthrough lab whose controller is no real host', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    expect(content.meta).toMatchObject({ kind: 'demo', labName: DEMO_LAB_NAME, captureEndedAt: '2016-12-07T10:00:10.000Z' });
    expect(content.lab.controller).toMatchObject({ kind: 'ssh', host: DEMO_CONTROLLER_HOST });
    expect(DEMO_CONTROLLER_HOST.endsWith('.invalid')).toBe(true);
    expect(content.recordings.map((recording) => recording.name)).toEqual(['instance-0000000c-2016-12-07T10-05-00.cast']);
  });

  it('reads through the ordinary keeper as the walkthrough lab: machines, hypervisors, containers, namespaces, no failed probe', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const { inventory } = await readSnapshotInventory(content);
    expect(inventory).toEqual(content.inventory);
    expect(inventory.machines.map((machine) => machine.id).sort()).toEqual(['21', '22', '23', '24', '25', '26', 'controller']);
    const byId = new Map(inventory.machines.map((machine) => [machine.id, machine]));
    for (const compute of ['22', '24', '25']) {
      expect(byId.get(compute)?.roles).toContain('compute');
      expect(byId.get(compute)?.hypervisor).toMatchObject({ kind: 'lxd', computeDriver: 'lxd.LXDDriver' });
    }
    expect(byId.get('26')?.roles).toContain('gateway');
    expect(byId.get('25')?.hostname).toBe('node07ob64');

    const failed = inventory.probes.filter((outcome) => outcome.status === 'failed');
    expect(failed.map((outcome) => `${outcome.machineId} ${outcome.probeId}: ${outcome.error?.message}`)).toEqual([]);
    const problems = inventory.probes.filter((outcome) => outcome.problems.length > 0);
    expect(problems.map((outcome) => `${outcome.machineId} ${outcome.probeId}: ${outcome.problems.map((p) => p.message).join('; ')}`)).toEqual([]);

    // Machine 21 (the database) has no containers: `lxc list --format json` prints [] there, read as an empty list.
    expect(inventory.probes.find((outcome) => outcome.machineId === '21' && outcome.probeId === 'lxc-list')).toMatchObject({ status: 'ok', value: { instances: [] } });

    const juju = inventory.probes.find((outcome) => outcome.probeId === 'juju-status')?.value as JujuStatus;
    expect(juju.applications).toHaveLength(12);
    expect(juju.relations).toHaveLength(38);

    const onNode07 = inventory.probes.find((outcome) => outcome.machineId === '25' && outcome.probeId === 'lxc-list')?.value as LxcList;
    expect(onNode07.instances.map((instance) => instance.name)).toEqual(['instance-00000002', 'instance-0000000c', 'instance-00000012', 'juju-79fcc7-25-lxd-0', 'juju-79fcc7-25-lxd-1']);
    const instance0c = inventory.links.containers.find((link) => link.container === 'instance-0000000c');
    expect(instance0c?.nics[0]).toMatchObject({ bridge: 'qbr1896322c-d4', tap: 'tap1896322c-d4', mac: 'fa:16:3e:54:f9:9d', ovsPort: 'qvo1896322c-d4', vmUuid: 'instance-0000000c' });

    const namespaces = inventory.probes.filter((outcome) => outcome.machineId === '26' && outcome.probeId.startsWith('netns-addr:')).map((outcome) => outcome.probeId);
    expect(namespaces).toHaveLength(4);
    expect(namespaces).toContain(`netns-addr:${DEMO_ROUTER_NAMESPACE}`);
  });

  it('keeps the walkthrough profile instance-00000014 with its qbr9e0c6af1-30 nic, and nova.conf passwords never in clear', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const profiles = content.inventory.probes.find((outcome) => outcome.machineId === '25' && outcome.probeId === 'lxc-profiles')?.value as { profiles: { name: string; devices: Record<string, { parent?: string }> }[] };
    expect(profiles.profiles.find((profile) => profile.name === 'instance-00000014')?.devices['qbr9e0c6af1-30']).toMatchObject({ parent: 'qbr9e0c6af1-30' });
    const novaConf = content.commands.find((command) => command.machineId === '25' && command.argv.join(' ') === 'cat /etc/nova/nova.conf');
    expect(novaConf?.stdout).toMatch(/^password = REDACTED$/m);
  });
});
