// Words for a terminal in places too small for its full title ("lxc exec instance-0000000c on
// node03ob64"): the tab, the broadcast chooser. The full title is always one hover away.
import type { TerminalInfo, TerminalState, TerminalTarget } from '../../electron/contract/terminals';

/** Neutron names namespaces by a uuid; its first block is enough to tell them apart on a page. */
const NAMESPACE_UUID_PATTERN = /^(q(?:router|dhcp)|snat|fip)-([0-9a-f]{8})-[0-9a-f-]+$/;

export function shortNamespace(name: string): string {
  const match = NAMESPACE_UUID_PATTERN.exec(name);
  return match ? `${match[1]}-${match[2]}…` : name;
}

export function tabLabel(target: TerminalTarget): string {
  switch (target.kind) {
    case 'container':
      return target.container;
    case 'namespace':
      return shortNamespace(target.namespace);
    case 'machine':
      return target.machineId === 'controller' ? 'controller' : `machine ${target.machineId}`;
    case 'juju-ssh':
      return `juju ssh ${target.machineId}`;
    case 'local':
      return 'local shell';
  }
}

/** The state in words, for the tab and the pane header (never colour alone). */
export function stateLabel(info: Pick<TerminalInfo, 'state' | 'exitCode'>): string {
  const labels: Record<TerminalState, string> = {
    starting: 'opening…',
    running: 'running',
    disconnected: 'disconnected',
    exited: info.exitCode === null ? 'ended' : `exited ${info.exitCode}`,
    failed: 'failed',
  };
  return labels[info.state];
}

/** A terminal that can take input (the others re-open on Enter). */
export function isLive(state: TerminalState): boolean {
  return state === 'running' || state === 'starting';
}
