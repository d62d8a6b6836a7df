// The status bar's health counts, in the real status bar: counted by severity, opening the Health
// view, "No findings" for a clean report, and nothing without an inventory or a report.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import StatusBar from './StatusBar.svelte';
import { ConsoleState } from '../state/console-state.svelte';
import type { LabInventory } from '../../electron/contract/inventory';
import { FINDINGS, healthLab, healthReport } from '../views/health/health-lab.fixture';

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function render(inventory: LabInventory | null) {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory;
  const show = vi.spyOn(consoleState, 'show');
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(StatusBar, { target, props: { consoleState } });
  flushSync();
  return { show, counts: target.querySelector<HTMLButtonElement>('[data-testid="health-counts"]') };
}

const countsOf = (button: HTMLElement) => [...button.querySelectorAll('.count')].map((count) => count.textContent!.replace(/\s+/g, ' ').trim());

describe('the status bar’s health counts', () => {
  it('counts the findings by severity and opens the Health view', () => {
    const { show, counts } = render(healthLab());
    expect(countsOf(counts!)).toEqual(['✖ 3 errors', '⚠ 5 warnings', 'ℹ 1 info']);
    expect(counts!.getAttribute('aria-label')).toBe('Health: 3 errors, 5 warnings, 1 info. Open the Health view');
    counts!.click();
    expect(show).toHaveBeenCalledWith('health');
  });

  it('leaves out a severity with none', () => {
    const { counts } = render(healthLab(healthReport([FINDINGS.stopped])));
    expect(countsOf(counts!)).toEqual(['⚠ 1 warning']);
  });

  it('says "No findings" for a clean report', () => {
    const { counts } = render(healthLab(healthReport([])));
    expect(counts!.textContent!.replace(/\s+/g, ' ').trim()).toBe('✓ No findings');
  });

  it('shows nothing without an inventory, or with one that has no report', () => {
    expect(render(null).counts).toBeNull();
    unmount(component!);
    component = null;
    expect(render(healthLab(null)).counts).toBeNull();
  });
});
