// Capturing the real lab: the snapshot holds every machine's probes and every command they ran with
// what it printed, its inventory is the one a live refresh builds, a snapshot transport reading it
// gives the same inventory back, and none of the lab's secrets (nova.conf passwords, private keys)
// is anywhere in it, in memory or in the file `orangebox-console snapshot capture` writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import { sshController } from '../../electron/lab/lab-controller';
import { openMachineRoute } from '../../electron/lab/machine-routes';
import { NOVA_CONF_PATH } from '../../electron/inventory/probe-catalog';
import type { LabInventory } from '../../electron/contract/inventory';
import type { SnapshotContent } from '../../electron/contract/snapshot';
import type { SshConnection } from '../../electron/ssh/ssh-connection';
import { APP_VERSION } from '../../electron/core/app-identity';
import { SECRET_MASK } from '../../electron/probes/parsers/secret-masking';
import { isEmptyModel } from '../../electron/probes/parsers/parse-result';
import { runSnapshotCommand } from '../../electron/cli/snapshot-command';
import { captureSnapshot, type CaptureProgress } from '../../electron/snapshots/capture';
import { decodeSnapshot } from '../../electron/snapshots/snapshot-file';
import { maskRawOutput } from '../../electron/snapshots/raw-output-masking';
import { snapshotLab } from '../../electron/snapshots/snapshot-lab';
import { labCredentials } from '../support/lab-credentials';
import { loadLabManifest, machinesByRole, type LabManifest } from './lab-manifest';

/** A leak of this many characters of a private key's base64 body would be a leak of the key. */
const KEY_SLICE = 40;

let lab: LabManifest;
let credentials: ReturnType<typeof labCredentials>;
let connection: SshConnection;
let live: LabInventory;
let content: SnapshotContent;
const progress: CaptureProgress[] = [];
let dir: string;

/** The body of each private key the lab's manifest names (the engineer's and Juju's). */
function privateKeyBodies(): { file: string; body: string }[] {
  return [lab.userKey, lab.jujuKey].map((file) => ({
    file,
    body: readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('-----'))
      .join(''),
  }));
}

/** Fails naming the secret's kind (never printing the secret) if any of the lab's secrets is in `text`. */
function expectNoLabSecret(text: string, where: string): void {
  for (const [name, secret] of Object.entries(lab.nova.secrets)) expect(text.includes(secret), `nova secret ${name} in ${where}`).toBe(false);
  for (const { file, body } of privateKeyBodies()) {
    expect(body.length).toBeGreaterThan(KEY_SLICE);
    for (let start = 0; start + KEY_SLICE <= body.length; start += 1) {
      if (text.includes(body.slice(start, start + KEY_SLICE))) expect.fail(`${KEY_SLICE} characters of ${file} (from ${start}) are in ${where}`);
    }
  }
}

const probeStatuses = (inventory: LabInventory) =>
  inventory.probes.map((outcome) => `${outcome.machineId} ${outcome.probeId} ${outcome.status}`).sort();
const machineFacts = (inventory: LabInventory) =>
  inventory.machines.map((machine) => ({ id: machine.id, hostname: machine.hostname, address: machine.address, roles: machine.roles, route: machine.route?.kind, routeError: machine.routeError }));

beforeAll(async () => {
  lab = loadLabManifest();
  credentials = labCredentials(lab);
  connection = await credentials.openController();
  const controller = sshController(connection);
  const keeper = new InventoryKeeper({ labId: 'lab-000000000077', controller: () => controller, routeContext: credentials.routeContext, routeChoice: () => 'auto', onInventory: () => {}, onProbe: () => {} });
  try {
    live = await keeper.refresh();
  } finally {
    keeper.stop();
  }
  content = await captureSnapshot({
    lab: { id: 'lab-000000000078', name: 'OrangeBox lab', controller: { kind: 'ssh', host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null }, routes: {} },
    controller: () => controller,
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
    onProgress: (report) => progress.push(report),
  });
  dir = await mkdtemp(join(tmpdir(), 'obx-capture-'));
});

afterAll(async () => {
  connection?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a capture of the real lab', () => {
  it('says what it is: a capture of this lab by this console, with its start and end', () => {
    expect(content.meta).toMatchObject({ formatVersion: 1, consoleVersion: APP_VERSION, labName: 'OrangeBox lab', kind: 'capture' });
    expect(Date.parse(content.meta.captureStartedAt)).toBeLessThanOrEqual(Date.parse(content.meta.captureEndedAt));
    expect(content.lab.controller.host).toBe(lab.controller.address);
    expect(content.diagnostics).toEqual({ ping: null, matrix: null });
    expect(content.recordings).toEqual([]);
  });

  it('holds the inventory a live refresh builds: the same machines, routes, probes and statuses', () => {
    expect(machineFacts(content.inventory)).toEqual(machineFacts(live));
    expect(probeStatuses(content.inventory)).toEqual(probeStatuses(live));
    for (const machine of ['controller', ...lab.machines.map((candidate) => candidate.id)]) {
      expect(content.inventory.probes.filter((outcome) => outcome.machineId === machine).length, `probes of ${machine}`).toBeGreaterThan(1);
    }
    expect(content.routes.map((route) => [route.machineId, route.kind])).toEqual(live.machines.map((machine) => [machine.id, machine.route!.kind]));
  });

  it('records the command of every probe on its machine, with what it printed', () => {
    for (const outcome of content.inventory.probes) {
      const recorded = content.commands.filter((command) => command.machineId === outcome.machineId && command.argv.join(' ') === outcome.command);
      expect(recorded.length, `${outcome.command} on ${outcome.machineId}`).toBeGreaterThanOrEqual(1);
      // An ok probe printed something, unless nothing is its answer (no rules in a qdhcp namespace).
      if (outcome.status === 'ok' && !isEmptyModel(outcome.value)) expect(recorded[0]!.stdout.trim(), `${outcome.command} on ${outcome.machineId}`).not.toBe('');
    }
    for (const machine of lab.machines) {
      const hostname = content.commands.find((command) => command.machineId === machine.id && command.argv.join(' ') === 'hostname');
      expect(hostname?.stdout.trim(), machine.id).toBe(machine.hostname);
    }
    const juju = content.commands.find((command) => command.machineId === 'controller' && command.argv[0] === 'juju');
    expect(Object.keys((JSON.parse(juju!.stdout) as { machines: object }).machines).sort()).toEqual(lab.machines.map((machine) => machine.id).sort());
  });

  it('gives the same inventory back when a snapshot transport answers from it', async () => {
    const opened = snapshotLab(content);
    const keeper = new InventoryKeeper({ ...opened.keeperOptions('lab-000000000079'), onInventory: () => {}, onProbe: () => {} });
    let reread: LabInventory;
    try {
      reread = await keeper.refresh();
    } finally {
      keeper.stop();
    }
    expect(machineFacts(reread)).toEqual(machineFacts(content.inventory));
    const values = (inventory: LabInventory) => inventory.probes.map((outcome) => ({ key: `${outcome.machineId} ${outcome.probeId}`, status: outcome.status, value: outcome.value })).sort((a, b) => a.key.localeCompare(b.key));
    expect(values(reread)).toEqual(values(content.inventory));
  });

  it('keeps nova.conf as the node printed it, with its passwords masked', async () => {
    const node = machinesByRole(lab, 'compute').find((machine) => machine.userKeyAccepted)!;
    const route = await openMachineRoute({ id: node.id, address: node.address }, 'jump', credentials.routeContext(sshController(connection)));
    try {
      const clear = await route.transport.run(['cat', NOVA_CONF_PATH], { timeoutMs: 20_000 });
      expect(Object.values(lab.nova.secrets).some((secret) => clear.stdout.includes(secret))).toBe(true);
      const recorded = content.commands.find((command) => command.machineId === node.id && command.argv.join(' ') === `cat ${NOVA_CONF_PATH}`)!;
      expect(recorded.stdout === maskRawOutput(clear.stdout).text).toBe(true);
      expect(recorded.stdout).toContain(SECRET_MASK);
    } finally {
      route.transport.close();
    }
  });

  it('holds none of the lab\'s secrets anywhere', () => {
    expectNoLabSecret(JSON.stringify(content), 'the captured content');
  });

  it('reported its progress as it went, ending with what it captured', () => {
    const last = progress[progress.length - 1]!;
    expect(progress.filter((report) => report.done)).toEqual([last]);
    expect(last).toMatchObject({ machines: content.inventory.machines.length, machinesRead: content.inventory.machines.length, probes: content.inventory.probes.length, commands: content.commands.length });
    expect(last.maskedValues).toBeGreaterThan(0);
    expect(progress[0]!.machines).toBe(1);
    for (let index = 1; index < progress.length; index += 1) expect(progress[index]!.probes).toBeGreaterThanOrEqual(progress[index - 1]!.probes);
  });
});

describe('orangebox-console snapshot capture on the real lab', () => {
  it('writes an owner-only snapshot file holding no secret, compressed or inflated, and says what it captured', async () => {
    const file = join(dir, 'lab.obxsnap');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSnapshotCommand(['capture', `${lab.user}@${lab.controller.address}`, '-i', lab.userKey, '--known-hosts', lab.knownHosts, '-o', file, '--name', 'OrangeBox lab'], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`^Captured OrangeBox lab: ${lab.machines.length + 1} machines \\(the controller included\\), \\d+ probes \\(0 failed\\), \\d+ commands, [1-9]\\d* secret values masked\\nWrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d.]+ KiB\\) in [\\d.]+ s$`));

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(file);
    expectNoLabSecret(bytes.toString('latin1'), 'the file\'s bytes');
    const decoded = await decodeSnapshot(bytes);
    expectNoLabSecret(JSON.stringify(decoded), 'the file\'s inflated entries');
    expect(decoded.meta).toMatchObject({ kind: 'capture', labName: 'OrangeBox lab' });
    expect(machineFacts(decoded.inventory)).toEqual(machineFacts(live));
    expect(probeStatuses(decoded.inventory)).toEqual(probeStatuses(live));
  });

  it('keeps a terminal recording asked for with --recording: what it printed masked (the real nova.conf), what was typed left out', async () => {
    const node = lab.machines.find((machine) => machine.nova)!;
    const route = await openMachineRoute({ id: node.id, address: node.address }, 'jump', credentials.routeContext(sshController(connection)));
    let clear: string;
    try {
      clear = (await route.transport.run(['cat', NOVA_CONF_PATH], { timeoutMs: 20_000 })).stdout;
    } finally {
      route.transport.close();
    }
    const [firstSecret] = Object.values(lab.nova.secrets);
    // A session as a recorded terminal writes it: the file printed in pieces (a secret may be cut
    // between two events), and a password typed at a prompt as an input event.
    const printed = `cat ${NOVA_CONF_PATH}\r\n${clear.replaceAll('\n', '\r\n')}`;
    const pieces = Array.from({ length: Math.ceil(printed.length / 37) }, (_, index) => printed.slice(index * 37, index * 37 + 37));
    const cast = [
      JSON.stringify({ version: 2, width: 100, height: 30, timestamp: 1765100000, title: `ssh ${node.hostname}` }),
      JSON.stringify([0.2, 'i', `sudo -k; sudo true\r`]),
      JSON.stringify([0.4, 'i', `${firstSecret}\r`]),
      ...pieces.map((piece, index) => JSON.stringify([1 + index / 100, 'o', piece])),
      '',
    ].join('\n');
    const recording = join(dir, 'nova-conf-session.cast');
    await writeFile(recording, cast);

    const file = join(dir, 'with-recording.obxsnap');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSnapshotCommand(['capture', `${lab.user}@${lab.controller.address}`, '-i', lab.userKey, '--known-hosts', lab.knownHosts, '-o', file, '--recording', recording], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Kept 1 terminal recording: [1-9]\d* secret values masked in their output, 2 typed inputs left out/);
    const bytes = await readFile(file);
    expectNoLabSecret(bytes.toString('latin1'), 'the file\'s bytes');
    const decoded = await decodeSnapshot(bytes);
    expectNoLabSecret(JSON.stringify(decoded), 'the file\'s inflated entries');
    const [kept] = decoded.recordings;
    expect(kept).toMatchObject({ name: 'nova-conf-session.cast', title: `ssh ${node.hostname}` });
    // What was printed is there, masked, at the same times; nothing typed is.
    const events = kept!.cast.split('\n').slice(1).filter(Boolean).map((line) => JSON.parse(line) as [number, string, string]);
    expect(events.every(([, type]) => type === 'o')).toBe(true);
    expect(events.map(([time]) => time)).toEqual(pieces.map((_, index) => 1 + index / 100));
    expect(events.map(([, , text]) => text).join('')).toBe(maskRawOutput(printed).text);
  });
});
