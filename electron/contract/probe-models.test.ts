import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from './inventory';
import { findProbe, namespaceOfProbeId, namespaceProbeId, probeKindOf, probeValue } from './probe-models';

const outcome = (probeId: string, value: unknown, overrides: Partial<ProbeOutcome> = {}): ProbeOutcome => ({
  machineId: '26',
  probeId,
  command: probeId,
  startedAt: '2026-12-07T00:00:00.000Z',
  durationMs: 1,
  status: 'ok',
  value,
  format: 'json',
  problems: [],
  error: null,
  ...overrides,
});

describe('probe ids and kinds', () => {
  it('reads the kind of a fixed probe id and of a per-namespace one', () => {
    expect(probeKindOf('lxc-list')).toBe('lxc-list');
    expect(probeKindOf('netns-addr:qrouter-1f2e')).toBe('netns-addr');
    expect(probeKindOf(namespaceProbeId('netns-route', 'qdhcp-9a'))).toBe('netns-route');
    expect(namespaceOfProbeId('netns-route:qdhcp-9a')).toBe('qdhcp-9a');
  });

  it('names no kind for an id no probe has, a fixed kind with a namespace, or a namespace left out', () => {
    expect(probeKindOf('lxc-list-all')).toBeNull();
    expect(probeKindOf('lxc-list:qrouter-1')).toBeNull();
    expect(probeKindOf('netns-addr')).toBeNull();
    expect(probeKindOf('netns-addr:')).toBeNull();
    expect(namespaceOfProbeId('ip-netns')).toBeNull();
  });
});

describe('probeValue', () => {
  const list = { instances: [] };

  it('gives the value of an ok or partial probe of the kind asked for', () => {
    expect(probeValue(outcome('lxc-list', list), 'lxc-list')).toBe(list);
    expect(probeValue(outcome('lxc-list', list, { status: 'partial' }), 'lxc-list')).toBe(list);
    const addresses = { interfaces: [] };
    expect(probeValue(outcome('netns-addr:qrouter-1', addresses), 'netns-addr')).toBe(addresses);
  });

  it('refuses a probe of another kind', () => {
    expect(probeValue(outcome('lxc-profiles', { profiles: [] }), 'lxc-list')).toBeNull();
    expect(probeValue(outcome('netns-route:qrouter-1', { routes: [] }), 'netns-addr')).toBeNull();
    expect(probeValue(outcome('some-future-probe', list), 'lxc-list')).toBeNull();
  });

  it('refuses a failed probe, one that read nothing, and no probe at all', () => {
    expect(probeValue(outcome('lxc-list', list, { status: 'failed' }), 'lxc-list')).toBeNull();
    expect(probeValue(outcome('lxc-list', null), 'lxc-list')).toBeNull();
    expect(probeValue(null, 'lxc-list')).toBeNull();
    expect(probeValue(undefined, 'lxc-list')).toBeNull();
  });

  it('finds one machine’s outcome of one probe', () => {
    const probes = [outcome('lxc-list', list), outcome('lxc-list', list, { machineId: '24' })];
    expect(findProbe(probes, '24', 'lxc-list')).toBe(probes[1]);
    expect(findProbe(probes, '25', 'lxc-list')).toBeNull();
  });
});
