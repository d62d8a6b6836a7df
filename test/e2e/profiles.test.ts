// The Profiles view in Chromium against the real lab: every compute machine's instance profiles
// listed under its node, each showing the bridge, tap, MAC, OVS port and limits the lab manifest
// gives its instance, the YAML copied as shown, two profiles of different machines compared, a
// nic's plumbing and a used-by terminal opened from it; screenshots in both themes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/chromium';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { machinesByRole, type LabInstance, type LabMachine } from '../lab/lab-manifest';

/** Every compute machine's profiles are read within the first refresh or two on the lab. */
const PROFILES_READ_MS = 30_000;
/** A remote shell (SSH, then lxc exec) is up well within this. */
const SHELL_READY_MS = 20_000;

let session: ConnectedConsole;
let page: Page;
let computes: LabMachine[];
type PlacedInstance = LabInstance & { machine: LabMachine };
let instances: PlacedInstance[];

const profileList = () => page.getByRole('navigation', { name: 'Profiles by node' });
const nodeGroup = (machine: LabMachine) => profileList().getByRole('region', { name: new RegExp(`^${machine.hostname} `) });
const profileButton = (instance: PlacedInstance) => nodeGroup(instance.machine).getByRole('button', { name: new RegExp(`^${instance.profile} `) });
const detail = () => page.getByRole('article');
const navButton = (name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${name}`) });

/** Screenshots show the view, not the "Saved" note the connection left. */
async function shoot(name: string): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
  await session.screenshot(name);
}

async function showProfile(instance: PlacedInstance): Promise<Locator> {
  await profileButton(instance).click();
  await detail().getByRole('heading', { name: instance.profile, exact: true }).waitFor();
  return detail();
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'profiles', colorScheme: 'dark' });
  page = session.page;
  computes = machinesByRole(session.lab, 'compute');
  instances = computes.flatMap((machine) => machine.instances.map((instance) => ({ ...instance, machine })));
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.host.urlWithToken).origin });
  await navButton('Profiles').click();
  await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `profiles-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await session?.close();
});

describe('the Profiles view on the real lab', () => {
  it('has instances on compute machines to show (the lab is the walkthrough lab)', () => {
    expect(computes.length).toBeGreaterThan(1);
    expect(instances.length).toBeGreaterThan(1);
  });

  it("lists every compute machine's instance profiles under its node name", async () => {
    for (const instance of instances) {
      await expect.poll(() => profileButton(instance).count(), { timeout: PROFILES_READ_MS }).toBe(1);
    }
    for (const machine of computes) {
      const listed = await nodeGroup(machine).getByRole('listitem').allInnerTexts();
      for (const instance of machine.instances) expect(listed.some((text) => text.startsWith(instance.profile))).toBe(true);
    }
  });

  it('shows for each instance profile the bridge, tap, MAC, OVS port and limits the lab gave the instance', async () => {
    for (const instance of instances) {
      const shown = await showProfile(instance);
      expect(await shown.innerText()).toContain(`on ${instance.machine.hostname} (machine ${instance.machine.id})`);
      const chain = shown.getByTestId('nic-chain');
      expect(await chain.count()).toBe(1);
      expect(await chain.getAttribute('data-device')).toBe(instance.devices.bridge);
      const steps = await chain.getByRole('listitem').allInnerTexts();
      const values = steps.filter((text) => text !== '→').map((text) => text.split('\n')[1]);
      expect(values).toEqual([instance.devices.qvo, instance.devices.bridge, instance.devices.tap, instance.mac]);
      expect(await chain.innerText()).toContain(`Neutron port ${instance.portId}`);
      expect(await shown.locator('[data-limit="limits.cpu"] dd').innerText()).toBe(instance.limits.cpu);
      expect(await shown.locator('[data-limit="limits.memory"] dd').innerText()).toBe(instance.limits.memory);
      const usedBy = shown.getByRole('region', { name: 'Used by' });
      expect(await usedBy.getByRole('button', { name: `Open a terminal in ${instance.name}` }).count()).toBe(1);
      const yaml = await shown.getByTestId('profile-yaml').innerText();
      expect(yaml).toContain(`  ${instance.devices.bridge}:\n    host_name: ${instance.devices.tap}\n    hwaddr: ${instance.mac}\n    nictype: bridged\n    parent: ${instance.devices.bridge}\n    type: nic\n`);
      expect(yaml).toContain(`  limits.memory: ${instance.limits.memory}\n`);
      expect(yaml).toContain(`name: ${instance.profile}\nused_by:\n- /1.0/instances/${instance.name}?project=${instance.machine.lxdProject}`);
    }
  });

  it('highlights the YAML with text spans, never HTML from the lab', async () => {
    const instance = instances[0]!;
    const shown = await showProfile(instance);
    const yaml = shown.getByTestId('profile-yaml');
    expect(await yaml.locator('.t-key', { hasText: /^hwaddr$/ }).count()).toBe(1);
    expect(await yaml.locator('.t-plain', { hasText: instance.mac }).count()).toBe(1);
    expect(await yaml.locator('.t-string', { hasText: '"True"' }).count()).toBe(1);
    // Only spans inside the code: every token is text.
    expect(await yaml.evaluate((element) => [...element.querySelectorAll('code *')].every((node) => node.tagName === 'SPAN'))).toBe(true);
  });

  it('copies the YAML exactly as shown', async () => {
    const shown = await showProfile(instances.at(-1)!);
    await shown.getByRole('button', { name: 'Copy YAML' }).click();
    await shown.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${await shown.getByTestId('profile-yaml').innerText()}`.replace(/\n*$/, '\n'));
    expect(copied).toContain(`hwaddr: ${instances.at(-1)!.mac}`);
  });

  it('filters the list by name', async () => {
    const [first, second] = instances;
    await profileList().getByLabel('Filter profiles').fill(first!.profile);
    expect(await profileButton(first!).count()).toBe(1);
    expect(await profileList().getByRole('button', { name: new RegExp(`^${second!.profile} `) }).count()).toBe(0);
    await profileList().getByLabel('Filter profiles').fill('');
    expect(await profileButton(second!).count()).toBe(1);
  });

  it('looks right in the dark theme', async () => {
    // The walkthrough's own profile when the lab has it: the instance with the largest memory.
    const shown = [...instances].sort((a, b) => parseInt(b.limits.memory, 10) - parseInt(a.limits.memory, 10))[0]!;
    await showProfile(shown);
    await shoot('profiles-dark');
  });

  it('compares two profiles of different machines and marks what differs', async () => {
    const left = computes[0]!.instances[0]!;
    // A partner on another machine, with another memory limit when the lab has one.
    const candidates = computes.slice(1).flatMap((machine) => machine.instances.map((instance) => ({ instance, machine })));
    const right = candidates.find(({ instance }) => instance.limits.memory !== left.limits.memory) ?? candidates[0]!;
    await page.getByRole('button', { name: 'Compare two' }).click();
    await page.getByLabel('Left profile').selectOption(`${computes[0]!.id}/${left.profile}`);
    await page.getByLabel('Right profile').selectOption(`${right.machine.id}/${right.instance.profile}`);
    const diff = page.getByTestId('profile-diff');
    const row = (key: string) => diff.locator(`tr[data-key="${key}"]`);
    const cells = async (key: string) => (await row(key).getByRole('cell').allInnerTexts()).slice(0, 2);

    expect(await cells('config/limits.memory')).toEqual([left.limits.memory, right.instance.limits.memory]);
    expect(await row('config/limits.memory').getAttribute('data-status')).toBe(left.limits.memory === right.instance.limits.memory ? 'same' : 'changed');
    expect(await cells('device nic 1/hwaddr')).toEqual([left.mac, right.instance.mac]);
    expect(await row('device nic 1/hwaddr').getAttribute('data-status')).toBe('changed');
    expect(await row('device nic 1/hwaddr').innerText()).toContain('differs');
    expect(await cells('device nic 1/parent')).toEqual([left.devices.bridge, right.instance.devices.bridge]);
    expect(await row('device root/path').getAttribute('data-status')).toBe('same');
    await shoot('profiles-compare-dark');

    await page.getByLabel('Only differences').check();
    expect(await row('device root/path').count()).toBe(0);
    expect(await row('device nic 1/hwaddr').count()).toBe(1);
    await page.getByLabel('Only differences').uncheck();
    await page.getByRole('button', { name: 'One profile' }).click();
  });

  it('looks right in the light theme', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await showProfile(instances[0]!);
    await shoot('profiles-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('stacks the YAML under the structure in presentation mode, and still shows the chain', async () => {
    const instance = instances[0]!;
    const presentation = page.getByRole('button', { name: 'Presentation' });
    await presentation.click();
    await expect.poll(() => presentation.getAttribute('aria-pressed')).toBe('true');
    const shown = await showProfile(instance);
    const chain = await shown.getByTestId('nic-chain').boundingBox();
    const yaml = await shown.getByTestId('profile-yaml').boundingBox();
    expect(yaml!.y).toBeGreaterThan(chain!.y + chain!.height);
    await shoot('profiles-presentation-dark');
    await presentation.click();
    await expect.poll(() => presentation.getAttribute('aria-pressed')).toBe('false');
  });

  it("opens a nic's plumbing in the Network view, focused on the container using it", async () => {
    const instance = instances[0]!;
    const shown = await showProfile(instance);
    await shown.getByRole('button', { name: `Show plumbing of ${instance.name}` }).click();
    await page.getByRole('heading', { name: 'Network', level: 1 }).waitFor();
    expect(await navButton('Network').getAttribute('aria-current')).toBe('page');
    await navButton('Profiles').click();
  });

  it('opens a terminal into an instance that uses the profile', async () => {
    const instance = instances.at(-1)!;
    const shown = await showProfile(instance);
    await shown.getByRole('button', { name: `Open a terminal in ${instance.name}` }).click();
    await page.getByRole('tab', { name: new RegExp(instance.name) }).waitFor({ timeout: SHELL_READY_MS });
    expect(await navButton('Terminals').getAttribute('aria-current')).toBe('page');
  });

  it('logged no errors in the page', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
