// Opening a snapshot shows the inventory its capture stored, without reading every recorded output
// through the parsers again: for a capture, the demo and a synthetic lab that is the very inventory
// the keeper rebuilds from the commands. A file that stores no inventory has it rebuilt; the
// commands still answer whatever asks for one later.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LabInventory } from '../contract/inventory';
import { knownJson, serverFrameJson } from '../contract/known-json';
import type { ServerFrame } from '../contract/wire-protocol';
import type { SnapshotContent } from '../contract/snapshot';
import type { RouteContext } from '../lab/machine-routes';
import { HAND_MADE_LAB, handMadeSnapshot } from '../../test/support/hand-made-snapshot';
import { syntheticSnapshot } from '../../test/bench/synthetic-snapshot.mjs';
import * as demoWriters from './demo/demo-lab-outputs';
import { readBundledDemo } from './demo/bundled-demo';
import { captureSnapshot } from './capture';
import { OpenedSnapshot } from './opened-snapshot';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file';
import { readSnapshotInventory } from './snapshot-inventory';
import { snapshotLab } from './snapshot-lab';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/outputs', import.meta.url));
/** Reading the synthetic lab's outputs through every parser takes seconds on a loaded machine. */
const SYNTHETIC_TIMEOUT_MS = 120_000;
const NO_CREDENTIALS: Omit<RouteContext, 'controller'> = {
  user: 'ubuntu',
  auth: { identityFiles: [], identitiesOnly: true, agentSocket: null, passphrases: null },
  hostKeys: { decide: async () => ({ accept: true }), preferredTypes: async () => [] },
};

interface Opening {
  inventory: LabInventory;
  inventoriesPushed: number;
  probesPushed: number;
  opened: OpenedSnapshot;
}

async function open(content: SnapshotContent): Promise<Opening> {
  let inventoriesPushed = 0;
  let probesPushed = 0;
  const opened = new OpenedSnapshot(content, null, { onInventory: () => (inventoriesPushed += 1), onProbe: () => (probesPushed += 1) });
  const inventory = await opened.read();
  return { inventory, inventoriesPushed, probesPushed, opened };
}

/** The inventory the keeper rebuilds from the commands alone: the same file with no inventory stored. */
async function rebuilt(content: SnapshotContent): Promise<Opening> {
  const opening = await open({ ...content, inventory: { ...content.inventory, probes: [] } });
  expect(opening.probesPushed).toBeGreaterThan(0);
  return opening;
}

/**
 * An inventory as it reads, whatever opening made it: the id is the opening's, and a live capture's
 * keeper files outcomes in the order the machines answered, which says nothing. A failed probe's
 * words name its machine as known when it failed ("on 26", or "on node02ob64" once its hostname
 * was read), which depends on that order too: its error is compared by code.
 */
function comparable(inventory: LabInventory) {
  const outcomeKey = (outcome: LabInventory['probes'][number]) => `${outcome.machineId}|${outcome.probeId}`;
  const linkKey = (link: LabInventory['links']['containers'][number]) => `${link.machineId}|${link.container}`;
  return {
    ...inventory,
    labId: 'opened',
    probes: [...inventory.probes]
      .sort((a, b) => outcomeKey(a).localeCompare(outcomeKey(b)))
      .map((outcome) => ({ ...outcome, error: outcome.error && { code: outcome.error.code } })),
    links: { containers: [...inventory.links.containers].sort((a, b) => linkKey(a).localeCompare(linkKey(b))) },
    // A check's note quotes the errors of the probes it could not read: compared without it, as errors are.
    health: inventory.health && { ...inventory.health, checks: inventory.health.checks.map((check) => ({ ...check, note: check.note === null ? null : 'noted' })) },
  };
}

async function expectStoredEqualsRebuilt(content: SnapshotContent): Promise<void> {
  const stored = await open(content);
  const again = await rebuilt(content);
  try {
    // Shown at once, in one piece: no probe is streamed, the inventory is told once.
    expect(stored.probesPushed).toBe(0);
    expect(stored.inventoriesPushed).toBe(1);
    expect(stored.inventory.labId).toBe(stored.opened.id);
    expect(stored.inventory.refreshing).toBe(false);
    expect(stored.inventory.probes.length).toBeGreaterThan(0);
    expect(comparable(stored.inventory)).toEqual(comparable(again.inventory));
  } finally {
    stored.opened.close();
    again.opened.close();
  }
}

describe('an opened snapshot', () => {
  it('shows the demo lab as the keeper reads it from its commands', async () => {
    await expectStoredEqualsRebuilt(await readBundledDemo());
  });

  it('shows a live capture as the keeper reads it again from what it recorded, with the capture\'s times', async () => {
    const recorded = handMadeSnapshot();
    const lab = snapshotLab(recorded);
    const captured = await captureSnapshot({
      lab: { id: 'lab-openedtest01', name: HAND_MADE_LAB, controller: recorded.lab.controller, routes: recorded.lab.routes },
      controller: () => lab.controller,
      routeContext: (controller) => ({ controller, ...NO_CREDENTIALS }),
      routeChoice: (machineId) => recorded.lab.routes[machineId] ?? 'auto',
      openRoute: (machine) => lab.openRoute(machine),
    });
    await expectStoredEqualsRebuilt(captured);
    const { inventory, opened } = await open(captured);
    opened.close();
    expect(inventory.refreshedAt).toBe(captured.meta.captureEndedAt);
    for (const outcome of inventory.probes) {
      const command = captured.commands.find((candidate) => candidate.machineId === outcome.machineId && candidate.argv.join(' ') === outcome.command);
      expect(outcome.startedAt, `${outcome.probeId} on ${outcome.machineId}`).toBe(command?.startedAt ?? captured.meta.captureEndedAt);
    }
  });

  it(
    'shows a synthetic lab, written to a file and read back, as the keeper reads it from its commands',
    async () => {
      const folder = await mkdtemp(join(tmpdir(), 'obx-opened-snapshot-'));
      try {
        const content = await syntheticSnapshot({ ...demoWriters, readSnapshotInventory }, FIXTURES, { nodes: 6, containers: 300, applications: 12, units: 60, relations: 20 });
        const file = join(folder, 'synthetic.obxsnap');
        await writeSnapshotFile(file, content);
        const read = await readSnapshotFile(file);
        expect(read.inventory.links.containers).toHaveLength(300);
        await expectStoredEqualsRebuilt(read);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
    SYNTHETIC_TIMEOUT_MS,
  );

  it('rebuilds the inventory from the commands when the file stores none (written by hand)', async () => {
    const { inventory, opened, probesPushed } = await open(handMadeSnapshot());
    opened.close();
    expect(probesPushed).toBeGreaterThan(0);
    // Read from the commands: machines 23–25, which the stored machines leave out, are there.
    expect(inventory.machines.map((machine) => machine.id)).toEqual(['controller', '21', '22', '23', '24', '25', '26']);
  });

  it('is sent to the page as the text of its inventory.json with its own id, the same JSON as serialising it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'obx-opened-snapshot-'));
    try {
      const demo = await readBundledDemo();
      const file = join(folder, 'older.obxsnap');
      // A capture from before inventories were stamped: its stored times are not the shown ones.
      await writeSnapshotFile(file, { ...demo, inventory: { ...demo.inventory, refreshedAt: '2026-11-22T05:48:18.000Z' } });
      // A capture from before health checks: its report is computed at opening and spliced into the stored text.
      const beforeHealth = join(folder, 'before-health.obxsnap');
      const { health: _health, ...withoutHealth } = demo.inventory;
      await writeSnapshotFile(beforeHealth, { ...demo, inventory: withoutHealth });
      for (const [content, spliced] of [
        [demo, true],
        [await readSnapshotFile(beforeHealth, { commands: 'when-asked' }), true],
        [await readSnapshotFile(file, { commands: 'when-asked' }), false],
        [handMadeSnapshot(), false],
      ] as const) {
        const { inventory, opened } = await open(content);
        opened.close();
        expect(knownJson(inventory) !== undefined).toBe(spliced);
        expect(inventory.health?.checks.length).toBeGreaterThan(0);
        const outcome: ServerFrame = { type: 'outcome', id: 7, outcome: { ok: true, result: inventory } };
        const stream: ServerFrame = { type: 'stream', stream: 'inventory.changed', payload: inventory };
        for (const frame of [outcome, stream]) expect(JSON.parse(serverFrameJson(frame))).toEqual(JSON.parse(JSON.stringify(frame)));
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('reads none of its commands to show it; the first command run reads them', async () => {
    const demo = await readBundledDemo();
    let commandsRead = 0;
    const counted = Object.defineProperty({ ...demo, commands: [] }, 'commands', {
      get: () => {
        commandsRead += 1;
        return demo.commands;
      },
    });
    const { inventory, opened } = await open(counted);
    try {
      expect(inventory.probes.length).toBeGreaterThan(0);
      expect(commandsRead).toBe(0);
      await opened.session.run('controller', ['hostname']);
      expect(commandsRead).toBeGreaterThan(0);
    } finally {
      opened.close();
    }
  });

  it('answers a command from what the capture recorded, on a machine no probe was read on since', async () => {
    const { opened } = await open(await readBundledDemo());
    try {
      const machine = opened.inventory!.machines.find((candidate) => candidate.id !== 'controller' && candidate.route)!;
      const recorded = opened.content.commands.find((command) => command.machineId === machine.id && command.argv.join(' ') === 'hostname')!;
      expect(opened.session.nameOf(machine.id)).toBe(machine.hostname);
      expect((await opened.session.run(machine.id, ['hostname'])).stdout).toBe(recorded.stdout);
      expect((await opened.session.run(machine.id, ['uptime'])).exitCode).toBe(127);
    } finally {
      opened.close();
    }
  });
});
