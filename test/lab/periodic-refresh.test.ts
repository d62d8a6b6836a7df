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
/** How long the first refresh took here (with OpenStack's lists read on the controller, several seconds under load). */
let refreshMs = 0;
/** Bounds a wait for `refreshes` refreshes: each at most thrice the first one, plus the interval; at least 15 s. */
const refreshBound = (refreshes: number) => Math.max(15_000, refreshes * (3 * refreshMs + INTERVAL_SECONDS * 1000));

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
  const started = Date.now();
  await keeper.refresh();
  refreshMs = Date.now() - started;
}, 120_000);

afterAll(() => {
  keeper?.stop();
  controller?.close();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periodic refresh', () => {
  it('refreshes by itself while shown', async () => {
    const before = completed.length;
    keeper.autoRefresh(INTERVAL_SECONDS);
    await expect.poll(() => completed.length, { timeout: refreshBound(2), interval: 200, message: `two refreshes by themselves (the first took ${refreshMs} ms)` }).toBeGreaterThanOrEqual(before + 2);
  }, 300_000);

  it('stops while hidden, and refreshes at once when shown again', async () => {
    keeper.setVisible(false);
    await expect.poll(() => keeper.current.refreshing, { timeout: refreshBound(1) }).toBe(false);
    const hiddenAt = completed.length;
    await wait(INTERVAL_SECONDS * 1000 * 2.5);
    expect(completed.length).toBe(hiddenAt);
    keeper.setVisible(true);
    await expect.poll(() => completed.length, { timeout: refreshBound(1), interval: 100 }).toBe(hiddenAt + 1);
  }, 300_000);
});
