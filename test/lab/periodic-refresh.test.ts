// The inventory refreshes by itself every N seconds while the console is shown, pauses while it
// is hidden, and catches up at once when shown again after the interval passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshConnection } from '../../electron/ssh/ssh-connection';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import { labCredentials } from '../support/lab-credentials';
import { sshController } from '../../electron/lab/lab-controller';
import { loadLabManifest } from './lab-manifest';

/** The shortest interval the settings allow. */
const INTERVAL_SECONDS = 2;
let controller: SshConnection;
let keeper: InventoryKeeper;
const completed: string[] = [];

beforeAll(async () => {
  const lab = loadLabManifest();
  const credentials = labCredentials(lab);
  controller = await credentials.openController();
  keeper = new InventoryKeeper({
    labId: 'lab-0000periodic',
    controller: () => sshController(controller),
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
    onInventory: (inventory) => {
      if (!inventory.refreshing && inventory.refreshedAt && completed.at(-1) !== inventory.refreshedAt) completed.push(inventory.refreshedAt);
    },
    onProbe: () => {},
  });
  await keeper.refresh();
});

afterAll(() => {
  keeper?.stop();
  controller?.close();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periodic refresh', () => {
  it('refreshes by itself while shown', async () => {
    const before = completed.length;
    keeper.autoRefresh(INTERVAL_SECONDS);
    await expect.poll(() => completed.length, { timeout: 15_000, interval: 200 }).toBeGreaterThanOrEqual(before + 2);
  });

  it('stops while hidden, and refreshes at once when shown again', async () => {
    keeper.setVisible(false);
    await expect.poll(() => keeper.current.refreshing, { timeout: 10_000 }).toBe(false);
    const hiddenAt = completed.length;
    await wait(INTERVAL_SECONDS * 1000 * 2.5);
    expect(completed.length).toBe(hiddenAt);
    keeper.setVisible(true);
    await expect.poll(() => completed.length, { timeout: 10_000, interval: 100 }).toBe(hiddenAt + 1);
  });
});
