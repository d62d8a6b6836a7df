// A whole session against the real lab (issue 12 §7), with the console's state in a fresh folder:
// connect, refresh, open a terminal on a compute node and record it while it prints the node's
// nova.conf, capture a snapshot keeping that recording, export a support bundle plain and
// obfuscated. Then every file the console wrote there — its settings and their last good copy,
// each recording's header, each snapshot and bundle as written and inflated, the obfuscation
// mapping — and everything it logged (console output, notices) is searched for every one of the
// lab's secrets (test/support/lab-secrets.ts): none is there. The recording's own output holds
// nova.conf as the terminal showed it (that is what a recording is), so only its header is searched.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import { NOVA_CONF_PATH } from '../../electron/probes/definitions/nova-conf';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { TerminalInfo } from '../../electron/contract/terminals';
import { everyByteOf, findValues, type ArchiveText } from '../support/bundle-scan';
import { labSecrets, type LabSecret } from '../support/lab-secrets';
import { loadLabManifest, type LabManifest } from './lab-manifest';

/** Connecting, a refresh, a capture and two exports of the lab, on a loaded machine. */
const SESSION_LIMIT_MS = 240_000;
/** nova.conf printed in a terminal on the lab. */
const PRINTED_MS = 20_000;

let lab: LabManifest;
let dir: string;
let core: ConsoleCore;
let secrets: LabSecret[];
/** What the console logged: console output, notices, internal errors. */
const logged: string[] = [];
const terminalOutput = new Map<string, string>();
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

async function* filesUnder(folder: string): AsyncGenerator<string> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** Every text the console wrote into its folder: recordings by their header only, snapshots and bundles as written and inflated. */
async function writtenTexts(): Promise<{ texts: ArchiveText[]; files: string[] }> {
  const texts: ArchiveText[] = [];
  const files: string[] = [];
  for await (const path of filesUnder(dir)) {
    const name = relative(dir, path);
    files.push(name);
    const bytes = await readFile(path);
    if (name.endsWith('.obxsnap')) {
      for (const text of await everyByteOf(bytes)) texts.push({ where: `${name}: ${text.where}`, text: text.text });
    } else if (name.endsWith('.cast')) {
      texts.push({ where: `${name} (its header)`, text: bytes.toString('utf8').split('\n')[0]! });
    } else {
      texts.push({ where: name, text: bytes.toString('latin1') });
    }
  }
  return { texts, files };
}

beforeAll(async () => {
  lab = loadLabManifest();
  secrets = await labSecrets(lab);
  expect(secrets.some((secret) => secret.label.startsWith('nova secret'))).toBe(true);
  dir = await mkdtemp(join(tmpdir(), 'obx-session-scan-'));
  for (const method of consoleMethods) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      original(...args);
    });
  }
  core = await createConsoleCore({
    host: 'browser',
    store: new FileStore(join(dir, 'state.json')),
    knownHostsFiles: [lab.knownHosts],
    agentSocket: null,
    reportInternalError: (request, error) => logged.push(`internal error in ${request}: ${String(error)}`),
  });
  core.streams.attach((stream, payload) => {
    if (stream === 'core.notice') logged.push(JSON.stringify(payload));
    if (stream === 'terminal.data') {
      const { id, data } = payload as { id: string; data: string };
      terminalOutput.set(id, (terminalOutput.get(id) ?? '') + data);
      void core.dispatch('terminals.ack', { id, chars: data.length });
    }
  });
}, SESSION_LIMIT_MS);

afterAll(async () => {
  await core?.close();
  vi.restoreAllMocks();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a whole session against the real lab', () => {
  it('leaves none of the lab’s secrets in any file it wrote or anything it logged', { timeout: SESSION_LIMIT_MS }, async () => {
    await call('settings.update', { recordingsDirectory: join(dir, 'recordings') });
    const saved = await call<{ id: string }>('labs.save', {
      name: 'secret scan',
      controller: { host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null },
    });
    await call('lab.connect', { labId: saved.id });
    await call('inventory.refresh', null);

    const node = lab.machines.find((machine) => machine.nova)!;
    const terminal = await call<TerminalInfo>('terminals.open', { target: { kind: 'machine', machineId: node.id }, cols: 120, rows: 40 });
    const recording = join(dir, 'recordings', 'nova-conf.cast');
    await call('terminals.record', { id: terminal.id, path: recording });
    await call('terminals.input', { id: terminal.id, data: `cat ${NOVA_CONF_PATH}; echo printed-$((6*7))\r` });
    await expect.poll(() => terminalOutput.get(terminal.id) ?? '', { timeout: PRINTED_MS, interval: 100 }).toContain('printed-42');
    await call('terminals.record', { id: terminal.id, path: null });
    // The session really showed secrets: the recording's output holds them (as the terminal showed
    // them), so the snapshot keeping it had something to mask.
    const cast = await readFile(recording, 'utf8');
    expect(Object.values(lab.nova.secrets).some((secret) => cast.includes(secret)), 'the recorded terminal showed none of nova.conf’s secrets').toBe(true);

    for (const folder of ['snapshots', 'bundles']) await mkdir(join(dir, folder));
    await call('snapshots.capture', { path: join(dir, 'snapshots', 'session.obxsnap'), recordings: [recording] });
    await call('supportBundles.export', { path: join(dir, 'bundles', 'plain.obxsnap'), obfuscate: false });
    await call('supportBundles.export', { path: join(dir, 'bundles', 'obfuscated.obxsnap'), obfuscate: true });
    await call('terminals.close', { id: terminal.id });

    const { texts, files } = await writtenTexts();
    // What was written: settings and their last good copy, the recording, the snapshot, both bundles and the mapping.
    expect(files).toEqual(expect.arrayContaining(['state.json', 'state.json.bak', 'recordings/nova-conf.cast', 'snapshots/session.obxsnap', 'bundles/plain.obxsnap', 'bundles/obfuscated.obxsnap']));
    expect(files.some((name) => name.startsWith('bundles/') && !name.endsWith('.obxsnap')), 'the obfuscation mapping was not written beside the bundle').toBe(true);
    texts.push({ where: 'what the console logged', text: logged.join('\n') });
    expect(findValues(texts, secrets, { wholeToken: false })).toEqual([]);
  });
});
