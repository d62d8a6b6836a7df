// The Network view in Chromium against the real lab: the gateway's namespaces with the addresses
// the lab gave them, every instance's plumbing exactly as the lab built it, the floating
// addresses, the lab diagram, its SVG and PNG exports, and both themes on screen.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { SCREENSHOT_DIR } from '../support/chromium';
import { accessibilityViolations } from '../support/accessibility';
import { allInstances, gatewayMachine, machinesByRole } from '../lab/lab-manifest';

/** Every probe of every machine has been read once well within this on the lab. */
const INVENTORY_MS = 30_000;
/** A file the page saves (the PNG is drawn on a canvas first). */
const DOWNLOAD_MS = 15_000;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let ui: ConnectedConsole;

beforeAll(async () => {
  ui = await openConnectedConsole({ name: 'network', colorScheme: 'dark' });
  await ui.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Network/ }).click();
  await ui.page.getByRole('heading', { level: 1, name: 'Network' }).waitFor();
  // The "Saved" note from connecting would cover part of the screenshots.
  for (const dismiss of await ui.page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await ui?.page.screenshot({ path: join(SCREENSHOT_DIR, `network-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await ui?.close();
});

const tab = (name: string) => ui.page.getByRole('tab', { name });
const namespaceCard = (name: string): Locator => ui.page.locator(`[data-namespace="${name}"]`);

describe('the Network view against the lab', () => {
  it('lists the gateway’s namespaces with the addresses the lab gave them', async () => {
    const { page, lab } = ui;
    const gateway = gatewayMachine(lab);
    await expect.poll(() => tab('Gateway namespaces').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: new RegExp(`Gateway ${gateway.hostname} \\(machine ${gateway.id}\\)`) }).isVisible(), { timeout: INVENTORY_MS }).toBe(true);
    for (const namespace of lab.gateway.namespaces) {
      const card = namespaceCard(namespace.name);
      // The addresses come from their own probe; they arrive after `ip netns`.
      await expect.poll(() => card.locator('[data-address]').count(), { timeout: INVENTORY_MS }).toBeGreaterThan(0);
      const text = await card.innerText();
      expect(text).toContain(namespace.kind === 'qrouter' ? 'ROUTER' : 'DHCP');
      for (const cidr of namespace.addresses) expect(text, `${namespace.name} shows ${cidr}`).toContain(cidr);
      expect(await card.getByTestId('netns-id').innerText()).toMatch(/^\d+$/);
    }
    expect(await page.locator('[data-namespace]').count()).toBe(lab.gateway.namespaces.length);
  });

  it('shows the router’s ports, its default route, and the floating addresses of the lab', async () => {
    const { page, lab } = ui;
    const router = namespaceCard(lab.gateway.router.namespace);
    for (const network of lab.networks) {
      const port = router.locator(`tr[data-port="${network.routerDevice}"]`);
      expect(await port.innerText()).toContain(network.cidr);
      expect(await port.innerText()).toContain(`${network.gateway}/`);
    }
    const external = router.locator(`tr[data-port="${lab.gateway.externalNetwork.device}"]`);
    expect(await external.innerText()).toContain(lab.gateway.externalNetwork.cidr);
    expect(await external.innerText()).toContain('external');
    for (const address of lab.gateway.floatingAddresses) expect(await router.locator(`[data-floating="${address}"]`).count(), address).toBe(1);
    expect(await router.locator('tr.default-route').innerText()).toContain(lab.gateway.externalNetwork.device);
    await ui.screenshot('network-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await ui.screenshot('network-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('opens a router namespace’s ping in Diagnostics, from that namespace', async () => {
    const { page, lab } = ui;
    const floating = lab.gateway.floatingAddresses[0]!;
    await page.getByRole('button', { name: `Ping ${floating} from ${lab.gateway.router.namespace}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Diagnostics' }).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Network/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Network' }).waitFor();
  });

  it('opens a terminal in a router namespace', async () => {
    const { page, lab } = ui;
    const namespace = lab.gateway.router.namespace;
    await page.getByRole('button', { name: `Open a terminal in ${namespace}` }).click();
    // The terminal's own title line says what it runs, and where.
    await page.getByText(`ip netns exec ${namespace} on ${gatewayMachine(lab).hostname}`, { exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Network/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Network' }).waitFor();
  });

  it('draws every instance’s plumbing exactly as the lab built it', async () => {
    const { page, lab } = ui;
    await tab('Instance plumbing').click();
    const picker = page.getByLabel('Container', { exact: true });
    for (const instance of allInstances(lab)) {
      await picker.selectOption(`${instance.machineId}/${instance.name}`);
      const nic = page.locator(`section[data-container="${instance.name}"] [data-nic]`);
      await expect.poll(() => nic.count()).toBe(1);
      const hop = (kind: string) => nic.locator(`tr[data-hop="${kind}"]`);
      const name = async (kind: string) => (await hop(kind).getByTestId('hop-name').innerText()).trim();
      expect(await name('container')).toBe(instance.name);
      expect(await name('tap')).toBe(instance.devices.tap);
      expect(await name('qbr')).toBe(instance.devices.bridge);
      expect(await name('qvb')).toBe(instance.devices.qvb);
      expect(await name('qvo')).toBe(instance.devices.qvo);
      expect(await name('br-int')).toBe(lab.ovs.integrationBridge);
      expect(await nic.getByTestId('nic-mac').innerText()).toBe(instance.mac);
      expect(await hop('qvo').locator('[data-detail="iface-id"] code').innerText()).toBe(instance.portId);
      expect(await hop('qvo').locator('[data-detail="attached-mac"] code').innerText()).toBe(instance.mac);
      expect(await hop('qvo').locator('[data-detail="vm-uuid"] code').innerText()).toBe(instance.ovsVmUuid);
      expect(await hop('br-int').locator('[data-detail="VLAN tag"] code').innerText()).toBe(String(instance.vlanTag));
      // Every hop was seen by a probe, none guessed from its name.
      expect(await nic.locator('tbody tr.seen').count()).toBe(6);
      const drawn = nic.getByTestId('plumbing-svg');
      for (const device of Object.values(instance.devices)) expect(await drawn.locator('text', { hasText: device }).count(), device).toBeGreaterThan(0);
      expect(await drawn.locator('text', { hasText: instance.portId }).count()).toBe(1);
    }
    const first = allInstances(lab)[0]!;
    await picker.selectOption(`${first.machineId}/${first.name}`);
    await ui.screenshot('network-plumbing-dark');
  });

  it('draws the lab: every compute node, the gateway’s namespaces and the external network', async () => {
    const { page, lab } = ui;
    // Arrow keys move between the sections, as in any tab list.
    await tab('Instance plumbing').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tab('Lab diagram').getAttribute('aria-selected')).toBe('true');
    const diagram = page.getByTestId('lab-diagram');
    await diagram.waitFor();
    // Exactly the lab's instances: Juju's own containers are not on Neutron and are not drawn.
    await expect.poll(() => diagram.locator('[data-kind="container"]').count(), { timeout: INVENTORY_MS }).toBe(allInstances(lab).length);
    for (const machine of machinesByRole(lab, 'compute')) {
      await expect.poll(() => diagram.locator(`[data-group="${machine.id}"]`).textContent(), { timeout: INVENTORY_MS }).toContain(machine.hostname);
      for (const instance of machine.instances) expect(await diagram.locator(`[data-node="machine:${machine.id}:container:${instance.name}"]`).count(), instance.name).toBe(1);
      for (const instance of machine.instances) expect(await diagram.locator(`[data-node="machine:${machine.id}:qbr:${instance.devices.bridge}"]`).count()).toBe(1);
    }
    const gateway = gatewayMachine(lab);
    await expect.poll(() => diagram.locator('[data-kind="namespace"]').count(), { timeout: INVENTORY_MS }).toBe(lab.gateway.namespaces.length);
    for (const namespace of lab.gateway.namespaces) expect(await diagram.locator(`[data-node="machine:${gateway.id}:netns:${namespace.name}"]`).count(), namespace.name).toBe(1);
    expect(await diagram.locator(`[data-node="external"]`).textContent()).toContain(lab.gateway.externalNetwork.cidr);
    await page.emulateMedia({ colorScheme: 'light' });
    await ui.screenshot('network-diagram-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('exports the diagram as a standalone SVG', async () => {
    const { page, lab } = ui;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: DOWNLOAD_MS }), page.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/-network-\d{4}-\d{2}-\d{2}\.svg$/);
    const markup = await readFile((await download.path())!, 'utf8');
    await download.saveAs(join(SCREENSHOT_DIR, 'network-diagram-export.svg'));
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = document.documentElement;
      return {
        error: document.querySelector('parsererror')?.textContent ?? null,
        root: root.localName,
        namespace: root.namespaceURI,
        width: Number(root.getAttribute('width')),
        texts: [...document.querySelectorAll('text')].map((node) => node.textContent ?? ''),
        classes: document.querySelectorAll('[class]').length,
      };
    }, markup);
    expect(parsed.error).toBeNull();
    expect(parsed).toMatchObject({ root: 'svg', namespace: 'http://www.w3.org/2000/svg', classes: 0 });
    expect(parsed.width).toBeGreaterThan(0);
    // It stands alone: no stylesheet, no theme variable left to resolve.
    expect(markup).not.toContain('var(--');
    for (const machine of machinesByRole(lab, 'compute')) expect(parsed.texts.join('\n')).toContain(machine.hostname);
    for (const instance of allInstances(lab)) expect(parsed.texts).toContain(instance.devices.bridge);
  });

  it('exports the diagram as a PNG', async () => {
    const { page } = ui;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: DOWNLOAD_MS }), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/-network-\d{4}-\d{2}-\d{2}\.png$/);
    const bytes = await readFile((await download.path())!);
    await download.saveAs(join(SCREENSHOT_DIR, 'network-diagram-export.png'));
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // IHDR: width and height at bytes 16–23; the PNG is drawn at twice the diagram's size.
    const viewBox = (await page.getByTestId('lab-diagram').getAttribute('viewBox'))!.split(' ').map(Number);
    expect(bytes.readUInt32BE(16)).toBe(Math.ceil(viewBox[2]! * 2));
    expect(bytes.readUInt32BE(20)).toBe(Math.ceil(viewBox[3]! * 2));
    expect(ui.consoleErrors).toEqual([]);
  });

  it('passes axe’s accessibility rules in every section, in both themes', async () => {
    const { page } = ui;
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const section of ['Gateway namespaces', 'Instance plumbing', 'Lab diagram']) {
        await tab(section).click();
        // Stricter than the whole-app tour: no violation of any impact inside the section.
        const found = await accessibilityViolations(page, { include: '[role="tabpanel"]' });
        const violations = found.map((violation) => `${violation.rule}: ${violation.nodes.join(', ')}`);
        expect(violations, `${section} (${scheme})`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'dark' });
  });
});
