// Big probe outputs are parsed on the parsing worker (a real worker_threads thread running the
// TypeScript entry through the test hooks), within a time bound: the same model as inline, the
// core's thread free meanwhile, and a parse past its bound stopped in words with the next one fine.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runProbe } from '../../electron/inventory/probe-runner';
import { INLINE_PARSE_LIMIT_CHARS, parseProbeOutput } from '../../electron/inventory/probe-output-parsing';
import { ProbeParsePool } from '../../electron/inventory/probe-parse-pool';
import { LXC_LIST_PROBE } from '../../electron/probes/definitions/lxc-list';
import { NOVA_CONF_PROBE } from '../../electron/probes/definitions/nova-conf';
import { HOSTNAME_PROBE } from '../../electron/probes/definitions/hostname';
import type { CommandResult, CommandTransport } from '../../electron/transports/command-transport';
import type { InventoryMachine, ProbeOutcome } from '../../electron/contract/inventory';
import type { AnyProbeDefinition } from '../../electron/probes/probe-definition';
import { CONTROLLER_PROBES, MACHINE_PROBES, namespaceProbes } from '../../electron/inventory/probe-catalog';
import { parsesAsCatalog } from '../../electron/inventory/catalog-probe-by-id';
import { probeParseWorkerExists, probeParseWorkerFile } from '../../electron/inventory/probe-parse-worker-file';

const MACHINE: InventoryMachine = { id: '24', hostname: 'node05ob64', address: '10.0.0.24', roles: ['compute'], applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null };
const LXC_LIST_FIXTURE = fileURLToPath(new URL('../fixtures/outputs/lxc-list/lab-lxd-5.0.2.json.txt', import.meta.url));
const BIG_OUTPUT_CHARS = 2 * 1024 * 1024;
/** Starting the worker compiles its TypeScript sources as they load; on this loaded machine that takes seconds. */
const WORKER_TEST_LIMIT_MS = 60_000;

/** `lxc list --format json` of the lab's instances repeated (renamed) past 2 MB. */
function bigLxcList(): string {
  const instances = JSON.parse(readFileSync(LXC_LIST_FIXTURE, 'utf8')) as { name: string }[];
  const copies: unknown[] = [];
  for (let copy = 0, chars = 0; chars < BIG_OUTPUT_CHARS; copy++) {
    for (const instance of instances) {
      copies.push({ ...instance, name: `${instance.name}-${copy}` });
      chars += JSON.stringify(instance).length;
    }
  }
  return JSON.stringify(copies);
}

/** A nova.conf past 2 MB whose section and key names would be Object.prototype's ("__proto__", "toString"). */
function bigNovaConf(): string {
  let text = '[__proto__]\npolluted = yes\n[toString]\nconstructor = 1\n';
  for (let section = 0; text.length < BIG_OUTPUT_CHARS; section++) {
    text += `[section_${section}]\n${Array.from({ length: 40 }, (_, key) => `option_${key} = value ${section}.${key}\n`).join('')}`;
  }
  return text;
}

function printing(stdout: string): CommandTransport {
  const result: CommandResult = { exitCode: 0, signal: null, stdout, stderr: '', truncated: false, invalidUtf8: false, durationMs: 1 };
  return { kind: 'local', label: 'scripted', isOpen: true, roomForTerminal: true, run: async () => result, openPty: () => Promise.reject(new Error('no terminals here')), close: () => {} };
}

const run = (probe: AnyProbeDefinition, stdout: string, parsing?: Parameters<typeof runProbe>[0]['parsing']): Promise<ProbeOutcome> => runProbe({ machine: MACHINE, transport: printing(stdout), probe, parsing });

const pools: ProbeParsePool[] = [];
const newPool = () => {
  const pool = new ProbeParsePool();
  pools.push(pool);
  return pool;
};
afterAll(async () => {
  for (const pool of pools) await pool.close();
});

describe('a big probe output', () => {
  const lxcList = bigLxcList();

  it('is big enough to be parsed on the worker', () => {
    expect(lxcList.length).toBeGreaterThan(INLINE_PARSE_LIMIT_CHARS);
  });

  it('parses on the worker to the same model as inline', async () => {
    const outcome = await run(LXC_LIST_PROBE, lxcList, { pool: newPool() });
    const inline = LXC_LIST_PROBE.parse(lxcList);
    expect(outcome.status).toBe('ok');
    expect(outcome.format).toBe(inline.format);
    expect(outcome.value).toStrictEqual(inline.value);
    expect((outcome.value as { instances: unknown[] }).instances.length).toBeGreaterThan(100);
  }, WORKER_TEST_LIMIT_MS);

  it('keeps the records parsers make without a prototype (a clone would give them one)', async () => {
    const novaConf = bigNovaConf();
    const outcome = await run(NOVA_CONF_PROBE, novaConf, { pool: newPool() });
    const inline = NOVA_CONF_PROBE.parse(novaConf);
    // toStrictEqual compares prototypes: a section record with Object.prototype fails it.
    expect(outcome.value).toStrictEqual(inline.value);
    const sections = (outcome.value as { sections: Record<string, unknown> }).sections;
    expect(Object.getPrototypeOf(sections)).toBeNull();
    expect(Object.keys(sections)).toContain('__proto__');
  }, WORKER_TEST_LIMIT_MS);

  it('leaves the core thread free while it parses: other work and a small probe finish first', async () => {
    const pool = newPool();
    const finished: string[] = [];
    setImmediate(() => finished.push('other work'));
    const big = run(LXC_LIST_PROBE, lxcList, { pool }).then((outcome) => finished.push(`lxc list ${outcome.status}`));
    const small = run(HOSTNAME_PROBE, 'node05ob64\n', { pool }).then((outcome) => finished.push(`hostname ${outcome.status}`));
    await Promise.all([big, small]);
    // Parsed on the core's thread, the big output would finish before anything queued after it.
    expect(finished).toEqual(['hostname ok', 'other work', 'lxc list ok']);
  }, WORKER_TEST_LIMIT_MS);

  it('is stopped past its time bound, the outcome says so in words, and the next big parse works', async () => {
    const pool = newPool();
    // 1 ms: the worker has not even started by then (its first parse also waits for it to load).
    const stopped = await run(LXC_LIST_PROBE, lxcList, { pool, timeLimitMs: 1 });
    expect(stopped.status).toBe('failed');
    expect(stopped.value).toBeNull();
    expect(stopped.error).toEqual({ code: 'parse-timeout', message: 'parsing the output of `lxc list --format json` (2 MB) took longer than 0.001 s; it was stopped' });
    // The stopped thread was replaced: the same pool parses the next one.
    const next = await run(LXC_LIST_PROBE, lxcList, { pool });
    expect(next.status).toBe('ok');
    expect(next.value).toStrictEqual(LXC_LIST_PROBE.parse(lxcList).value);
  }, WORKER_TEST_LIMIT_MS);

  it('queued behind a stopped parse still gets its own full bound', async () => {
    const pool = newPool();
    const [stopped, queued] = await Promise.allSettled([
      parseProbeOutput(LXC_LIST_PROBE, lxcList, 'lxc list --format json', { pool, timeLimitMs: 1 }),
      parseProbeOutput(LXC_LIST_PROBE, lxcList, 'lxc list --format json', { pool }),
    ]);
    expect(stopped.status).toBe('rejected');
    expect(queued.status === 'fulfilled' ? queued.value.value : queued.reason).toStrictEqual(LXC_LIST_PROBE.parse(lxcList).value);
  }, WORKER_TEST_LIMIT_MS);
});

describe('a small probe output', () => {
  it('parses inline, without a worker', async () => {
    const pool = new ProbeParsePool(() => {
      throw new Error('a small output must not start the worker');
    });
    const outcome = await run(HOSTNAME_PROBE, 'node05ob64\n', { pool });
    expect(outcome.status).toBe('ok');
  });
});

describe('which probes the worker can parse', () => {
  it('every probe of the catalog, per-namespace ones included, and no probe made elsewhere', () => {
    for (const probe of [...CONTROLLER_PROBES, ...MACHINE_PROBES, ...namespaceProbes('qrouter-5d2c1e0a')]) expect(parsesAsCatalog(probe), probe.id).toBe(true);
    expect(parsesAsCatalog({ ...LXC_LIST_PROBE, parse: (text: string) => LXC_LIST_PROBE.parse(text) })).toBe(false);
  });
});

describe('a bundle built without the parsing worker beside it', () => {
  it('has no worker to start when the file is missing, and the TypeScript entry is there in the sources', () => {
    expect(probeParseWorkerExists({ file: '/nonexistent/probe-parse-worker.js', execArgv: [] })).toBe(false);
    expect(probeParseWorkerExists({ file: probeParseWorkerFile().file, execArgv: ['--import', '/nonexistent/hooks.mjs'] })).toBe(false);
    expect(probeParseWorkerExists()).toBe(true);
  });
});
