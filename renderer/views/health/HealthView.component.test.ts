// The real Health view mounted in a DOM, fed the walkthrough's lab with a health report
// (health-lab.fixture.ts): findings grouped by severity, each opening its object, evidence folded,
// the command with Copy and a terminal on its machine, the checks that could not run, the empty
// state, and an inventory without a report.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import HealthView from './HealthView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import type { LabInventory } from '../../../electron/contract/inventory';
import type { ConnectionState } from '../../../electron/contract/payloads';
import { DHCP_NS, FINDINGS, GATEWAY, healthLab, healthReport, NODE } from './health-lab.fixture';

const CONNECTED: ConnectionState = { labId: 'lab', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '2026-12-07T10:00:00.000Z' };
const SNAPSHOT: ConnectionState = { ...CONNECTED, snapshot: { labName: 'OrangeBox64', takenAt: '2026-12-07T10:00:00.000Z', kind: 'capture', file: '/tmp/lab.obxsnap' } };

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function render(inventory: LabInventory | null, connection: ConnectionState | null = CONNECTED) {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory;
  consoleState.connection = connection;
  const show = vi.spyOn(consoleState, 'show');
  const openTerminal = vi.spyOn(consoleState.terminals, 'open').mockResolvedValue(undefined as never);
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(HealthView, { target, props: { consoleState } });
  flushSync();
  return { consoleState, show, openTerminal, target };
}

const groups = (target: HTMLElement) => [...target.querySelectorAll<HTMLElement>('[data-severity]')];
const findingItem = (target: HTMLElement, name: string) => [...target.querySelectorAll<HTMLElement>('[data-object]')].find((item) => item.dataset.object === name)!;
const buttonNamed = (scope: HTMLElement, text: string) => [...scope.querySelectorAll('button')].find((button) => button.textContent!.trim() === text)!;

describe('the Health view', () => {
  it('groups the findings by severity, errors first, each with its message and object on its machine', () => {
    const { target } = render(healthLab());
    expect(groups(target).map((group) => group.querySelector('h2')!.textContent)).toEqual(['Errors (3)', 'Warnings (5)', 'Info (1)']);
    const errors = groups(target)[0]!;
    expect([...errors.querySelectorAll('[data-check]')].map((item) => item.getAttribute('data-check'))).toEqual(['qvo-vlan-tag', 'qdhcp-dnsmasq', 'juju-status']);
    const vlan = findingItem(target, 'qvo1896322c-d4');
    expect(vlan.querySelector('.message')!.textContent).toContain(FINDINGS.vlanTag.message);
    // The severity is said in words too, not by colour and sign alone.
    expect(vlan.querySelector('.visually-hidden')!.textContent).toBe('error:');
    expect(vlan.querySelector('.object button')!.textContent).toBe('OVS port qvo1896322c-d4 on node03ob64');
    expect(target.querySelector('h1 + p')!.textContent).toContain('8 of 9 checks ran over the inventory read at');
  });

  it('folds the evidence, and shows it on opening', () => {
    const { target } = render(healthLab());
    const details = findingItem(target, 'qvo1896322c-d4').querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Evidence (2)');
    expect([...details.querySelectorAll('li code')].map((code) => code.textContent)).toEqual(FINDINGS.vlanTag.evidence);
    // A finding without evidence has nothing to unfold.
    expect(findingItem(target, 'nova-compute/1').querySelector('details')).toBeNull();
  });

  it('clicks through to each object: plumbing, namespace, container, unit, machine', () => {
    const { target, show } = render(healthLab());
    const click = (name: string) => findingItem(target, name).querySelector<HTMLButtonElement>('.object button')!.click();
    click('qvo1896322c-d4');
    expect(show).toHaveBeenLastCalledWith('network', { view: 'network', machineId: NODE, container: 'instance-0000000c' });
    click(DHCP_NS);
    expect(show).toHaveBeenLastCalledWith('network', { view: 'network', machineId: GATEWAY, namespace: DHCP_NS });
    click('instance-00000012');
    expect(show).toHaveBeenLastCalledWith('containers', { view: 'containers', filter: 'instance-00000012' });
    click('nova-compute/1');
    expect(show).toHaveBeenLastCalledWith('overview', { view: 'overview', target: { kind: 'unit', name: 'nova-compute/1' } });
    click('node05ob64');
    expect(show).toHaveBeenLastCalledWith('nodes', { view: 'nodes', machineId: '24' });
  });

  it('copies the command, and opens a terminal on its machine', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const { target, openTerminal } = render(healthLab());
    const vlan = findingItem(target, 'qvo1896322c-d4');
    expect(vlan.querySelector('.command code')!.textContent).toBe(FINDINGS.vlanTag.command);
    buttonNamed(vlan, 'Copy').click();
    await vi.waitFor(() => expect(vlan.querySelector('[role="status"]')?.textContent).toBe('Copied'));
    expect(writeText).toHaveBeenCalledWith(FINDINGS.vlanTag.command);
    buttonNamed(vlan, 'Open terminal on node03ob64').click();
    expect(openTerminal).toHaveBeenCalledWith({ kind: 'machine', machineId: NODE });
    // An application is on no one machine: its finding has no command and no terminal.
    expect(findingItem(target, 'neutron-gateway').querySelector('.command')).toBeNull();
  });

  it('says when the clipboard refuses the copy', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: vi.fn().mockRejectedValue(new Error('denied')) } });
    const { target } = render(healthLab());
    const vlan = findingItem(target, 'qvo1896322c-d4');
    buttonNamed(vlan, 'Copy').click();
    await vi.waitFor(() => expect(vlan.querySelector('[role="status"]')?.textContent).toBe('The clipboard refused the copy: select the command and copy it by hand.'));
  });

  it('in a snapshot, keeps the terminal button disabled with the reason', () => {
    const { target, openTerminal } = render(healthLab(), SNAPSHOT);
    const button = buttonNamed(findingItem(target, 'qvo1896322c-d4'), 'Open terminal on node03ob64');
    expect(button.disabled).toBe(true);
    expect(button.title).not.toBe('');
    button.click();
    expect(openTerminal).not.toHaveBeenCalled();
  });

  it('lists every check, those that could not run first with why', () => {
    const { target } = render(healthLab());
    const checks = target.querySelector<HTMLElement>('[aria-labelledby="health-checks-title"]')!;
    expect(checks.querySelector('h2')!.textContent).toBe('Checks: 8 ran, 1 could not run');
    const rows = [...checks.querySelectorAll<HTMLElement>('tbody tr')];
    expect(rows).toHaveLength(9);
    expect(rows[0]!.dataset.checkRun).toBe('qrouter-default-route');
    expect([...rows[0]!.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['error', 'not read', '–', expect.stringContaining('netns-route could not be read')]);
  });

  it('with no findings, says how many checks ran over the inventory read when, and still lists the checks', () => {
    const { target } = render(healthLab(healthReport([])));
    const time = new Date('2026-12-07T10:00:00.000Z').toLocaleTimeString();
    expect(target.querySelector('[data-health="clean"]')!.textContent).toBe(`No findings: 8 checks ran over the inventory read at ${time}.`);
    expect(groups(target)).toHaveLength(0);
    expect(target.querySelectorAll('tbody tr')).toHaveLength(9);
  });

  it('leaves out the note column when no check has a note', () => {
    const quiet = healthReport([], [{ id: 'qvo-vlan-tag', title: "qvo VLAN tag matches its network's", severity: 'error', status: 'ran', note: null, findings: 0 }]);
    const { target } = render(healthLab(quiet));
    expect([...target.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Check', 'Severity', 'Status', 'Findings']);
    expect(target.querySelectorAll('tbody td')).toHaveLength(3);
  });

  it('says why there is no report: an older snapshot, or before the lab is read', () => {
    let { target } = render(healthLab(null), SNAPSHOT);
    expect(target.querySelector('[data-health="absent"]')!.textContent).toContain('This snapshot has no health report');
    unmount(component!);
    component = null;
    ({ target } = render({ ...healthLab(null), refreshing: true, refreshedAt: null }));
    expect(target.querySelector('[data-health="absent"]')!.textContent).toContain('it is being read now');
    unmount(component!);
    component = null;
    ({ target } = render(null, null));
    expect(target.textContent).toContain('Connect to a lab (or open a snapshot) to check its health.');
  });
});
