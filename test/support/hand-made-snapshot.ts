// A small snapshot built by hand from captured command outputs (test/fixtures/outputs): the
// walkthrough's Juju model on the controller, compute node 22 with the test lab's `lxc list` and
// nova files, gateway 26 with its namespaces, machine 21 whose route failed at capture, and machine
// 23 the capture never reached. Enough for the keeper, the core and the page to read it as a lab.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotCommand, type SnapshotContent } from '../../electron/contract/snapshot';
import type { InventoryMachine } from '../../electron/contract/inventory';

const OUTPUTS = fileURLToPath(new URL('../fixtures/outputs/', import.meta.url));
const output = (path: string) => readFileSync(`${OUTPUTS}${path}`, 'utf8');

export const HAND_MADE_LAB = 'OrangeBox64 walkthrough';
export const HAND_MADE_TAKEN_AT = '2026-12-01T09:00:03.000Z';
export const ROUTER_NAMESPACE = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
/** Machine 21's route failed at capture with this. */
export const MACHINE_21_ROUTE_ERROR = 'machine 21 cannot be reached: connect ECONNREFUSED 172.27.64.3:22; and juju ssh 21 failed too: exit code 255';

let clock = Date.parse('2026-12-01T09:00:00.000Z');
function ran(machineId: string, argv: string[], stdout: string, exitCode = 0, stderr = ''): SnapshotCommand {
  clock += 100;
  return { machineId, argv, exitCode, signal: null, stdout, stderr, truncated: false, invalidUtf8: false, startedAt: new Date(clock).toISOString(), durationMs: 42 };
}

const machine = (id: string, hostname: string | null, roles: InventoryMachine['roles'], routeError: InventoryMachine['routeError'] = null): InventoryMachine => ({
  id,
  hostname,
  address: null,
  roles,
  applications: [],
  jujuState: 'started',
  route: null,
  routeError,
  hypervisor: null,
});

export function handMadeSnapshot(overrides: Partial<SnapshotContent['meta']> = {}): SnapshotContent {
  clock = Date.parse('2026-12-01T09:00:00.000Z');
  const commands: SnapshotCommand[] = [
    ran('controller', ['hostname'], 'OrangeBox64\n'),
    ran('controller', ['juju', 'status', '--format=json'], output('juju-status/walkthrough-2.0.1-tabular.txt')),
    ran('22', ['hostname'], 'node03ob64\n'),
    ran('22', ['dpkg', '-l'], output('dpkg/walkthrough-dpkg-l-grep-lxd.txt')),
    ran('22', ['lxc', 'list', '--format', 'json'], output('lxc-list/lab-lxd-5.0.2.json.txt')),
    ran('22', ['lxc', 'profile', 'list', '--format', 'json'], output('lxc-profile/lab-lxd-5.0.2-profile-list.json.txt')),
    ran('22', ['cat', '/etc/nova/nova.conf'], output('ini/walkthrough-nova.conf.txt')),
    ran('22', ['cat', '/etc/nova/nova-compute.conf'], output('ini/walkthrough-nova-compute.conf.txt')),
    // Recorded failing: the snapshot answers with the same failure.
    ran('22', ['sudo', '-n', 'ovs-vsctl', 'show'], '', 1, 'sudo: a password is required'),
    ran('26', ['hostname'], 'node02ob64\n'),
    ran('26', ['ip', 'netns', 'list'], output('ip-netns/lab-iproute2-6.1-with-ids.txt')),
    ran('26', ['sudo', '-n', 'ip', 'netns', 'exec', ROUTER_NAMESPACE, 'ip', '-j', 'addr'], output('ip-addr/lab-qrouter-iproute2-6.1.json.txt')),
  ];
  return {
    meta: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      consoleVersion: '0.1.0',
      labName: HAND_MADE_LAB,
      kind: 'capture',
      captureStartedAt: '2026-12-01T09:00:00.000Z',
      captureEndedAt: HAND_MADE_TAKEN_AT,
      ...overrides,
    },
    lab: {
      name: HAND_MADE_LAB,
      controller: { kind: 'ssh', host: '127.0.1.1', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null },
      routes: { '26': 'juju-ssh' },
    },
    routes: [
      { machineId: 'controller', kind: 'controller', label: 'ubuntu@127.0.1.1:22', chosenBy: 'auto', note: null },
      { machineId: '22', kind: 'jump', label: 'ubuntu@172.27.64.4:22 via ubuntu@127.0.1.1:22', chosenBy: 'auto', note: null },
      { machineId: '26', kind: 'juju-ssh', label: 'juju ssh 26 on ubuntu@127.0.1.1:22', chosenBy: 'override', note: null },
    ],
    commands,
    inventory: {
      labId: 'lab-captured0001',
      refreshing: false,
      refreshedAt: HAND_MADE_TAKEN_AT,
      lastRefreshMs: 3000,
      machines: [
        machine('controller', 'OrangeBox64', ['controller']),
        machine('21', null, ['control'], { code: 'ssh-unreachable', message: MACHINE_21_ROUTE_ERROR }),
        machine('22', 'node03ob64', ['compute']),
        machine('26', 'node02ob64', ['gateway']),
      ],
      probes: [],
      links: { containers: [] },
    },
    diagnostics: { ping: null, matrix: null },
    recordings: [],
  };
}
