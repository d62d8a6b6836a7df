// The MTU check in the core, over the lab's real outputs (the Network view's fixture inventory:
// compute node 24's containers and plumbing, the gateway's qrouter) and a stand-in transport that
// answers each `ping -M do -s SIZE` as a path of a given MTU would, in iputils' or BusyBox's words.
import { describe, expect, it } from 'vitest';
import type { PingSource } from '../contract/diagnostics';
import type { LabInventory } from '../contract/inventory';
import type { IpLinks } from '../contract/lab-model';
import type { MtuCheckProgress } from '../contract/mtu-check';
import { fixture } from '../../test/unit/parsers/fixtures';
import { labInventory, ROUTER_NAMESPACE } from '../../renderer/views/network/lab-outputs.fixture';
import type { CommandOptions, CommandResult, CommandTransport } from '../transports/command-transport';
import { MtuChecks } from './mtu-checks';

const QROUTER: PingSource = { kind: 'namespace', machineId: '26', namespace: ROUTER_NAMESPACE };
const INSTANCE_14 = '198.51.100.20';
const INSTANCE_12 = '198.51.100.39';

interface StandInLab {
  /** The narrowest MTU on the way: bigger packets get no reply. */
  pathMtu: number;
  /** Every ping is BusyBox's (no -M). */
  busybox?: boolean;
  silent?: boolean;
  /** Each ping takes this long (for Stop). */
  delayMs?: number;
}

const result = (stdout: string, stderr = '', exitCode: number | null = 0): CommandResult => ({ exitCode, signal: null, stdout, stderr, truncated: false, invalidUtf8: false, durationMs: 1 });

function standInTransport(lab: StandInLab, commands: string[][]): CommandTransport {
  return {
    kind: 'ssh',
    label: 'stand-in',
    isOpen: true,
    roomForTerminal: true,
    openPty: () => Promise.reject(new Error('no pty here')),
    close: () => {},
    async run(argv: readonly string[], options?: CommandOptions): Promise<CommandResult> {
      commands.push([...argv]);
      if (argv.includes('grep -H . /sys/class/net/*/mtu')) return result('/sys/class/net/eth0/mtu:1456\n/sys/class/net/lo/mtu:65536\n');
      if (lab.delayMs) await new Promise((resolve) => setTimeout(resolve, lab.delayMs));
      if (options?.signal?.aborted) return result('', '', null);
      if (lab.busybox) return result('', fixture('ping', 'busybox-1.35.0-no-df-option.txt'), 1);
      const size = Number(argv[argv.indexOf('-s') + 1]);
      const target = argv[argv.length - 1]!;
      const header = `PING ${target} (${target}) ${size}(${size + 28}) bytes of data.\n`;
      if (size + 28 > 1500) return result(`${header}\n--- ${target} ping statistics ---\n1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n`, 'ping: local error: message too long, mtu=1500\n', 1);
      if (lab.silent || size + 28 > lab.pathMtu) return result(`${header}\n--- ${target} ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n`, '', 1);
      return result(`${header}${size + 8} bytes from ${target}: icmp_seq=1 ttl=64 time=0.310 ms\n\n--- ${target} ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min/avg/max/mdev = 0.310/0.310/0.310/0.000 ms\n`);
    },
  };
}

function checker(lab: StandInLab, inventory: LabInventory = labInventory()) {
  const commands: string[][] = [];
  const updates: MtuCheckProgress[] = [];
  const checks = new MtuChecks({
    transportFor: async () => standInTransport(lab, commands),
    nameOf: (machineId) => ({ '24': 'node05ob64', '26': 'node02ob64' })[machineId] ?? `machine ${machineId}`,
    inventory: () => inventory,
    onProgress: (progress) => updates.push(progress),
  });
  const run = async (source: PingSource, target: string) => {
    const started = checks.start(source, target);
    await checks.finished(started.checkId);
    return { started, done: updates.at(-1)!, commands, updates };
  };
  return { checks, run, commands, updates };
}

/** The fixture inventory with some interfaces' MTU changed on compute node 24 (a fault). */
function withMtu(names: string[], mtu: number): LabInventory {
  const inventory = structuredClone(labInventory());
  const links = inventory.probes.find((probe) => probe.machineId === '24' && probe.probeId === 'links')!.value as IpLinks;
  for (const name of names) links.interfaces.find((nic) => nic.name === name)!.mtu = mtu;
  return inventory;
}

describe('the MTU check from a source to a target', () => {
  it('from the qrouter to an instance of MTU 1456: 1428 bytes, the instance\'s eth0 the narrowest, as expected', async () => {
    const { done, commands, updates } = await checker({ pathMtu: 1456 }).run(QROUTER, INSTANCE_14);
    expect(done.result).toMatchObject({ ending: 'found', largestPayload: 1428, pathMtu: 1456, agrees: true });
    expect(done.result!.verdict).toBe("Largest DF ping: 1428 bytes (path MTU 1456). The instance's eth0 is 1456: as expected.");
    expect(done.steps.map((step) => [step.payload, step.outcome])).toEqual([[548, 'passed'], [1472, 'no-reply'], [1428, 'passed'], [1429, 'no-reply']]);
    expect(done.steps[0]!.command).toBe(`sudo -n ip netns exec ${ROUTER_NAMESPACE} ping -M do -s 548 -c 1 -W 1 ${INSTANCE_14}   (on node02ob64)`);
    // The instance's own MTU is read inside it, on its compute node.
    expect(commands[0]).toEqual(['lxc', 'exec', 'instance-00000014', '--', 'sh', '-c', 'grep -H . /sys/class/net/*/mtu']);
    expect(done.hops.map((hop) => [hop.name, hop.mtu, hop.narrowest])).toEqual([
      ['qr-cdbf7fe2-ce', 1500, false],
      ['qvo9e0c6af1-30', 1500, false],
      ['qvb9e0c6af1-30', 1500, false],
      ['qbr9e0c6af1-30', 1500, false],
      ['tap9e0c6af1-30', 1500, false],
      ['eth0', 1456, true],
    ]);
    // Each probe is streamed as it starts (no outcome yet) and as it ends.
    expect(updates.some((update) => update.state === 'running' && update.steps.length === 2 && update.steps[1]!.outcome === null)).toBe(true);
    expect(updates.at(-1)!.state).toBe('done');
  });

  it('a tap lowered to 1400 (its qbr follows, as a Linux bridge does) is named, lower than the instance\'s 1456', async () => {
    const { done } = await checker({ pathMtu: 1400 }, withMtu(['tapc397384b-56', 'qbrc397384b-56'], 1400)).run(QROUTER, INSTANCE_12);
    expect(done.result).toMatchObject({ largestPayload: 1372, pathMtu: 1400, agrees: true });
    expect(done.result!.verdict).toMatch(/^Largest DF ping: 1372 bytes \(path MTU 1400\)\. tapc397384b-56 has MTU 1400, lower than the instance's 1456: packets over 1372 bytes are dropped\./);
    expect(done.hops.filter((hop) => hop.narrowest).map((hop) => hop.name)).toEqual(['qbrc397384b-56', 'tapc397384b-56']);
    expect(done.steps.length).toBeLessThanOrEqual(14);
  });

  it('4 bytes over the instance\'s MTU (a veth\'s room for a VLAN tag) is as expected, with the size to count on', async () => {
    const { done } = await checker({ pathMtu: 1460 }).run(QROUTER, INSTANCE_14);
    expect(done.result).toMatchObject({ largestPayload: 1432, pathMtu: 1460, agrees: true, problem: false });
    expect(done.result!.verdict).toBe(
      "Largest DF ping: 1432 bytes (path MTU 1460). The instance's eth0 is 1456: as expected, give or take the 4 bytes Linux lets a veth or bridge port take over its MTU (room for a VLAN tag); it sends at most 1456 itself, so count on 1428 bytes.",
    );
    expect(done.steps.map((step) => step.payload)).toEqual([548, 1472, 1428, 1429, 1432, 1433]);
  });

  it('a path narrower than every interface known says something unseen drops the larger packets', async () => {
    const { done } = await checker({ pathMtu: 1300 }).run(QROUTER, INSTANCE_14);
    expect(done.result).toMatchObject({ largestPayload: 1272, pathMtu: 1300, agrees: false });
    expect(done.result!.verdict).toContain('lower than every interface MTU the console knows along the path');
  });

  it('from a BusyBox container: no answer but why, and the router on the target\'s network to check from instead', async () => {
    const source: PingSource = { kind: 'container', machineId: '24', container: 'instance-00000014' };
    const { done } = await checker({ pathMtu: 1456, busybox: true }).run(source, INSTANCE_12);
    expect(done.result).toMatchObject({ ending: 'no-dont-fragment', largestPayload: null, pathMtu: null, suggestedSource: QROUTER });
    expect(done.result!.verdict).toContain("cannot set don't-fragment (\"ping: invalid option -- 'M'\"");
    expect(done.result!.verdict).toContain(`Check from ${ROUTER_NAMESPACE} on node02ob64 instead.`);
    expect(done.steps).toEqual([]);
  });

  it('a target that answers nothing stops after two probes: not an MTU problem', async () => {
    const { done } = await checker({ pathMtu: 1456, silent: true }).run(QROUTER, '198.51.100.29');
    expect(done.result).toMatchObject({ ending: 'target-silent', largestPayload: null });
    expect(done.result!.verdict).toBe(`198.51.100.29 does not answer even small pings from ${ROUTER_NAMESPACE} on node02ob64: this is not an MTU problem. Ping it (above) to see why.`);
    expect(done.steps.map((step) => step.payload)).toEqual([548, 56]);
  });

  it('Stop ends the check with what it knows, and no probe after', async () => {
    const { checks, updates, commands } = checker({ pathMtu: 1456, delayMs: 30 });
    const started = checks.start(QROUTER, INSTANCE_14);
    await expect.poll(() => updates.at(-1)?.steps.filter((step) => step.outcome !== null).length ?? 0, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    checks.stop(started.checkId);
    await checks.finished(started.checkId);
    const pings = commands.filter((argv) => argv.includes('ping')).length;
    expect(updates.at(-1)!.result).toMatchObject({ ending: 'stopped' });
    expect(updates.at(-1)!.result!.verdict).toMatch(/^Stopped before the search closed: \d+ bytes passed, 1472 did not: the path MTU is between \d+ and 1499\.$/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(commands.filter((argv) => argv.includes('ping')).length).toBe(pings);
  });
});
