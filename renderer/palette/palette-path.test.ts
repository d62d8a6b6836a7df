import { describe, expect, it } from 'vitest';
import { labPathInventory, ROUTER_NAMESPACE } from '../../electron/troubleshoot/lab-path.fixture';
import { pathEntries } from './palette-path';

describe('palette: why can’t X reach Y', () => {
  const entries = pathEntries(labPathInventory());

  it('offers each router namespace and Nova instance to each instance and floating address, and opens Diagnostics analysing it', () => {
    const entry = entries.find((candidate) => candidate.title === `Why can't ${ROUTER_NAMESPACE} reach instance-00000014?`);
    expect(entry?.detail).toContain('to 198.51.100.20 (instance-00000014)');
    expect(entry?.command).toEqual({
      type: 'show',
      view: 'diagnostics',
      focus: { view: 'diagnostics', targets: [], path: { source: { kind: 'namespace', machineId: '26', namespace: ROUTER_NAMESPACE }, target: { kind: 'address', address: '198.51.100.20' } } },
    });
    expect(entries.map((candidate) => candidate.title)).toContain("Why can't instance-00000014 reach instance-00000012?");
  });

  it('never asks why an instance cannot reach itself, and ids are unique', () => {
    expect(entries.some((candidate) => candidate.title === "Why can't instance-00000014 reach instance-00000014?")).toBe(false);
    expect(new Set(entries.map((candidate) => candidate.id)).size).toBe(entries.length);
  });
});
