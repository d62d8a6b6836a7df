// Compute nodes whose nova-lxd, LXD or pylxd packages differ from the other compute nodes': nova-lxd
// is tied to its pylxd and LXD versions, and a node upgraded alone behaves differently (or fails)
// where the others work. The version most nodes have is the reference; ties go to the newest.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

/** The packages that make a node's nova-lxd: the driver, the daemon and client, and the Python client library. */
export const NOVA_LXD_PACKAGES = ['nova-compute-lxd', 'python-nova-lxd', 'python3-nova-lxd', 'lxd', 'lxd-client', 'python-pylxd', 'python3-pylxd'];
const NOT_INSTALLED = 'not installed';

const compareVersions = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The version most nodes have; among equally common ones the newest ("not installed" loses ties). */
function referenceVersion(versions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const version of versions) counts.set(version, (counts.get(version) ?? 0) + 1);
  return [...counts.entries()].sort(([a, countA], [b, countB]) => countB - countA || (a === NOT_INSTALLED ? 1 : b === NOT_INSTALLED ? -1 : compareVersions(b, a)))[0]![0];
}

export const COMPUTE_PACKAGES_DIFFER: HealthCheck = {
  id: 'compute-packages-differ',
  title: 'compute nodes have the same nova-lxd, LXD and pylxd packages',
  severity: 'warning',
  needs: ['packages'],
  run(inventory) {
    const index = labIndex(inventory);
    const nodes = inventory.machines
      .filter((machine) => machine.roles.includes('compute'))
      .map((machine) => ({ machine, packages: index.read(machine.id, 'packages') }))
      .filter((node) => node.packages !== null);
    if (nodes.length < 2) return [];
    const versionOn = nodes.map((node) => {
      const installed = new Map<string, string>();
      for (const pkg of node.packages!.packages) if (pkg.status.startsWith('i') && NOVA_LXD_PACKAGES.includes(pkg.name)) installed.set(pkg.name, pkg.version ?? '?');
      return installed;
    });
    // Only packages some compute node has: a package none has is no difference.
    const watched = NOVA_LXD_PACKAGES.filter((name) => versionOn.some((installed) => installed.has(name)));
    const reference = new Map(watched.map((name) => [name, referenceVersion(versionOn.map((installed) => installed.get(name) ?? NOT_INSTALLED))]));
    const findings: HealthFinding[] = [];
    nodes.forEach(({ machine }, position) => {
      const differing = watched.filter((name) => (versionOn[position]!.get(name) ?? NOT_INSTALLED) !== reference.get(name));
      if (differing.length === 0) return;
      const others = nodes.filter((_, other) => other !== position).map((node) => node.machine.id);
      const said = differing.map((name) => {
        const everyOther = versionOn.every((installed, other) => other === position || (installed.get(name) ?? NOT_INSTALLED) === reference.get(name));
        return `${name} ${versionOn[position]!.get(name) ?? NOT_INSTALLED} (${everyOther ? 'the others have' : 'most have'} ${reference.get(name)})`;
      });
      findings.push(
        findingOf(
          this,
          { kind: 'machine', name: machine.hostname ?? machine.id, machineId: machine.id },
          `${index.machineName(machine.id)}'s nova-lxd stack differs from the other compute nodes' (${others.map((id) => `machine ${id}`).join(', ')}): ${said.join(', ')}; instances may behave differently there: install the same versions on every compute node.`,
          differing.flatMap((name) => nodes.map((node, other) => `machine ${node.machine.id}: ${name} ${versionOn[other]!.get(name) ?? NOT_INSTALLED}`)),
          "dpkg -l | grep -E 'lxd|pylxd'",
        ),
      );
    });
    return findings;
  },
};
