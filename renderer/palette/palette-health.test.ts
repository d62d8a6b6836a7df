import { describe, expect, it } from 'vitest';
import { paletteEntries, type PaletteSource } from './palette-entries';
import { FINDINGS, GATEWAY, healthLab, healthReport } from '../views/health/health-lab.fixture';

const source = (inventory = healthLab()): PaletteSource => ({ inventory, terminals: [], labs: [], connection: null, presentationMode: false, theme: 'dark' });

describe('the palette’s health entries', () => {
  it('has one "Health: <message>" entry per finding, opening its object as the Health view does', () => {
    const findings = paletteEntries(source()).filter((entry) => entry.kind === 'finding');
    expect(findings).toHaveLength(Object.keys(FINDINGS).length);
    const dnsmasq = findings.find((entry) => entry.title === `Health: ${FINDINGS.dnsmasq.message}`)!;
    expect(dnsmasq.command).toEqual({ type: 'show', view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: FINDINGS.dnsmasq.object.name } });
    expect(dnsmasq.detail).toContain('error · namespace qdhcp-');
    // An object shown nowhere opens the Health view itself.
    const orphan = { ...FINDINGS.stalePort, object: { ...FINDINGS.stalePort.object, machineId: null } };
    const alone = paletteEntries(source(healthLab(healthReport([orphan])))).find((entry) => entry.kind === 'finding')!;
    expect(alone.command).toEqual({ type: 'show', view: 'health', focus: null });
  });

  it('gives each finding its own id, even two on one object', () => {
    const twice = healthLab(healthReport([FINDINGS.unit, { ...FINDINGS.unit, checkId: 'other-check' }, FINDINGS.unit]));
    const ids = paletteEntries(source(twice)).filter((entry) => entry.kind === 'finding').map((entry) => entry.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('has "Go to Health" with its shortcut, and no findings without a report', () => {
    const entries = paletteEntries(source(healthLab(null)));
    expect(entries.find((entry) => entry.id === 'view:health')).toMatchObject({ title: 'Go to Health', shortcut: 'Alt+H' });
    expect(entries.some((entry) => entry.kind === 'finding')).toBe(false);
  });
});
