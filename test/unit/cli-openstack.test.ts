// `orangebox-console inventory` shows OpenStack: on the shipped demo lab, its hypervisors, servers
// linked to their containers with floating addresses; and the options naming the credentials.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInventoryArguments, runInventoryCommand } from '../../electron/cli/inventory-command';
import { summarizeOpenStack } from '../../electron/cli/openstack-summary';
import type { LabInventory } from '../../electron/contract/inventory';

const DEMO = fileURLToPath(new URL('../../assets/demo-lab.obxsnap', import.meta.url));

async function inventory(argv: string[]): Promise<string> {
  const out: string[] = [];
  await runInventoryCommand(argv, { out: (text) => out.push(text), err: () => {} });
  return out.join('\n');
}

describe('the inventory summary’s OpenStack', () => {
  it('shows the demo lab’s hypervisors, servers and their containers, and each container its server', async () => {
    const out = await inventory(['--snapshot', DEMO]);
    expect(out).toContain('OpenStack (credentials ~/novarc, found on the controller)');
    // Status and running instances worked out from compute service list and the servers (the list prints neither).
    expect(out).toContain('hypervisor node07ob64 (machine 25): lxd, up/enabled, vCPUs 4/8, 3 running\n');
    expect(out).toContain('4 servers, 3 linked to their containers; 4 networks');
    expect(out).toMatch(/server lxc-test-1 +ACTIVE +instance-0000000c on machine 25 \(RUNNING\) {2}floating 119\.115\.26\.133/);
    expect(out).toMatch(/instance-0000000c +RUNNING .* = server lxc-test-1 \(floating 119\.115\.26\.133\)/);
  });

  it('carries OpenStack in --json', async () => {
    const read = JSON.parse(await inventory(['--snapshot', DEMO, '--json'])) as LabInventory;
    expect(read.links.openstack?.servers.map((server) => server.name)).toEqual(['lxc-test-0', 'lxc-test-1', 'lxc-test-2', 'lxc-test-3']);
  });

  it('says why OpenStack is unavailable, and when a snapshot never read it', () => {
    const base = { labId: 'x', refreshing: false, refreshedAt: null, lastRefreshMs: null, machines: [], probes: [] };
    const unavailable = { reason: 'no-client' as const, message: 'there is no `openstack` command on the controller', candidates: [] };
    expect(summarizeOpenStack({ ...base, links: { containers: [], openstack: { unavailable, credentials: null, hypervisors: [], servers: [], networks: [], findings: [] } } })).toEqual(['OpenStack: unavailable (no-client): there is no `openstack` command on the controller']);
    expect(summarizeOpenStack({ ...base, links: { containers: [] } })[0]).toMatch(/not read/);
  });

  it('takes the credentials and cloud from the command line', () => {
    expect(parseInventoryArguments(['ubuntu@10.0.0.1', '--openstack-credentials', '~/.config/openstack/clouds.yaml', '--openstack-cloud', 'lab'])).toMatchObject({ openstackCredentials: { path: '~/.config/openstack/clouds.yaml', cloud: 'lab' } });
    expect(parseInventoryArguments(['ubuntu@10.0.0.1', '--openstack-cloud', 'lab'])).toMatch(/goes with --openstack-credentials/);
    expect(parseInventoryArguments(['ubuntu@10.0.0.1', '--openstack-credentials'])).toMatch(/needs the rc file or clouds.yaml/);
  });
});
