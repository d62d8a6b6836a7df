// The palette's MTU checks over the lab's real outputs (the Network view's fixture inventory):
// one per Nova instance address, from the qrouter with a port on its subnet; none for Juju's
// containers; Enter opens Diagnostics with the check asked for.
import { describe, expect, it } from 'vitest';
import { labInventory, ROUTER_NAMESPACE } from '../views/network/lab-outputs.fixture';
import { mtuCheckEntries } from './palette-mtu';

describe('MTU check entries', () => {
  const entries = mtuCheckEntries(labInventory());

  it('one per instance address, from the router on its network, titled "MTU check from <source> to <target>"', () => {
    expect(entries.map((entry) => entry.title)).toEqual([
      `MTU check from ${ROUTER_NAMESPACE} to instance-00000012 (198.51.100.39)`,
      `MTU check from ${ROUTER_NAMESPACE} to instance-00000014 (198.51.100.20)`,
    ]);
  });

  it('Enter shows Diagnostics with the check from that namespace to that address', () => {
    expect(entries[1]!.command).toEqual({
      type: 'show',
      view: 'diagnostics',
      focus: { view: 'diagnostics', targets: [], mtuCheck: { source: { kind: 'namespace', machineId: '26', namespace: ROUTER_NAMESPACE }, target: '198.51.100.20' } },
    });
    expect(entries[1]!.keywords).toContain('path mtu');
  });

  it('none without a router namespace read (nothing to check from)', () => {
    const inventory = labInventory();
    const withoutRouter = { ...inventory, probes: inventory.probes.filter((probe) => !probe.probeId.startsWith('netns-addr:')) };
    expect(mtuCheckEntries(withoutRouter)).toEqual([]);
  });
});
