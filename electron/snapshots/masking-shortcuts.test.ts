// The export masks every string of a snapshot again, a million of them for a 5,000-container lab, so
// the masker takes shortcuts: a pre-check that skips texts no rule can change, a remembered answer
// per key, a walk that copies only what changed. Each shortcut must give exactly what the plain scan
// gives: checked on every fixture output (whole and line by line), on every string of the demo lab
// and of a synthetic lab, and on texts made to sit on the pre-check's edges.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LabInventory } from '../contract/inventory';
import type { SnapshotContent } from '../contract/snapshot';
import { isSecretKey, isSwitchValue, SECRET_MASK } from '../probes/parsers/secret-masking';
import { fixture, fixtureNames } from '../../test/unit/parsers/fixtures';
import { syntheticSnapshot } from '../../test/bench/synthetic-snapshot.mjs';
import * as demoWriters from './demo/demo-lab-outputs';
import { DEMO_LAB_ASSET } from './demo/demo-lab-file';
import { maskInventory } from './inventory-masking';
import { cannotHoldSecret, maskRawOutput, scanForSecrets } from './raw-output-masking';
import { decodeSnapshot } from './snapshot-file';
import { readSnapshotInventory } from './snapshot-inventory';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = `${ROOT}test/fixtures/outputs`;
const FIXTURE_KINDS = ['brctl', 'dpkg', 'ini', 'ip-addr', 'ip-link', 'ip-netns', 'ip-route', 'juju-status', 'lxc-list'];
/** Building the synthetic lab reads its outputs through every parser: seconds on a loaded machine. */
const SYNTHETIC_TIMEOUT_MS = 180_000;

/** Texts on the edges of the pre-check: each needs the rule named beside it. */
const EDGE_TEXTS = [
  'password: hunter2', // YAML separator
  'password:\thunter2', // a tab after the colon
  'password:', // the colon ends the text
  'secret:\nvalue', // the colon ends a line
  'token:\r\nvalue', // … a CRLF line
  '  db_password:   x', // indented
  'key=value', // env
  '--os-password=x', // a command line
  'export OS_PASSWORD=x',
  '{"password":"x"}', // compact JSON: ":" right after a quote
  '"token":1',
  'rabbit://nova:hunter2@10.0.0.1:5672/', // URL credentials
  'http://user:pw@host',
  'a://b',
  ':', // only a colon: the pre-check cannot tell
  'x:y z:',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', // PEM, no ":" or "="
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  // None of these can hold a secret:
  'fa:16:3e:00:00:01',
  '2026-11-22T00:00:00.000Z',
  'fe80::f816:3eff:fe73:c1de/64',
  'Running',
  'password',
  'instance-0000000c',
  'a:b:c',
  "'secret':x",
  '',
  SECRET_MASK,
];

function fixtureTexts(): string[] {
  const texts: string[] = [];
  for (const kind of FIXTURE_KINDS) {
    for (const name of fixtureNames(kind)) {
      const text = fixture(kind, name);
      texts.push(text, ...text.split('\n'));
    }
  }
  return texts;
}

function stringsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      stringsOf(item, into);
    }
  }
  return into;
}

/** The inventory masking as it was before its shortcuts: every string scanned, every object copied. */
function maskInventoryPlainly(inventory: LabInventory): { inventory: LabInventory; masked: number } {
  let masked = 0;
  const walk = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'string') {
      if (key !== null && value.trim() !== '' && value !== SECRET_MASK && isSecretKey(key) && !isSwitchValue(value)) {
        masked += 1;
        return SECRET_MASK;
      }
      const result = scanForSecrets(value);
      masked += result.masked;
      return result.text;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, null));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, walk(item, name)]));
    return value;
  };
  return { inventory: walk(inventory, null) as LabInventory, masked };
}

function expectSameAsPlainScan(texts: readonly string[]): void {
  let skipped = 0;
  for (const text of texts) {
    const plain = scanForSecrets(text);
    expect(maskRawOutput(text), text.slice(0, 200)).toEqual(plain);
    if (cannotHoldSecret(text)) {
      skipped += 1;
      expect(plain, `the pre-check skipped a text the scan changes: ${text.slice(0, 200)}`).toEqual({ text, masked: 0 });
    }
  }
  // The pre-check is exercised, not trivially false.
  expect(skipped).toBeGreaterThan(0);
}

/** An inventory whose strings are the given texts, under secret keys and plain ones, in arrays and objects. */
function inventoryHolding(texts: readonly string[]): LabInventory {
  const value = {
    lines: texts,
    config: Object.fromEntries(texts.slice(0, 400).flatMap((text, index) => [[`password_${index}`, text], [`plain_${index}`, text]])),
    switches: { send_service_user_token: 'true', 'auth.token': 'on', api_key: ' ', secret: SECRET_MASK },
  };
  return {
    labId: 'lab-maskingshortcuts',
    refreshing: false,
    refreshedAt: null,
    lastRefreshMs: null,
    machines: [],
    probes: [{ probeId: 'lxc-profiles', machineId: 'controller', status: 'ok', value, error: null, startedAt: '2026-11-22T00:00:00.000Z', durationMs: 1 }],
    links: { containers: [] },
  } as unknown as LabInventory;
}

let synthetic: SnapshotContent | null = null;
async function smallSyntheticLab(): Promise<SnapshotContent> {
  synthetic ??= await syntheticSnapshot({ ...demoWriters, readSnapshotInventory }, FIXTURES, { nodes: 4, containers: 240, applications: 10, units: 60, relations: 20 });
  return synthetic;
}

describe('the raw-output masker with its pre-check', () => {
  it('gives what the plain scan gives on texts at the edges of the pre-check, and skips only those that cannot change', () => {
    expectSameAsPlainScan(EDGE_TEXTS);
    for (const text of EDGE_TEXTS.slice(0, EDGE_TEXTS.indexOf('fa:16:3e:00:00:01'))) expect(cannotHoldSecret(text), text).toBe(false);
    for (const text of EDGE_TEXTS.slice(EDGE_TEXTS.indexOf('fa:16:3e:00:00:01'))) expect(cannotHoldSecret(text), text).toBe(true);
  });

  it('gives what the plain scan gives on every fixture output, whole and line by line', () => {
    expectSameAsPlainScan(fixtureTexts());
  });

  it('gives what the plain scan gives on every string of the demo lab and of a synthetic lab', async () => {
    const demo = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    expectSameAsPlainScan(stringsOf(demo));
    expectSameAsPlainScan(stringsOf(await smallSyntheticLab()));
  }, SYNTHETIC_TIMEOUT_MS);
});

describe('maskInventory with its shortcuts', () => {
  it('gives the same inventory and count as masking every string and copying every object', async () => {
    const demo = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const inventories = [demo.inventory, (await smallSyntheticLab()).inventory, inventoryHolding([...EDGE_TEXTS, ...fixtureTexts()])];
    for (const inventory of inventories) {
      const plain = maskInventoryPlainly(inventory);
      const result = maskInventory(inventory);
      expect(result.masked).toBe(plain.masked);
      expect(JSON.stringify(result.inventory)).toBe(JSON.stringify(plain.inventory));
    }
    expect(maskInventory(inventories[2]!).masked).toBeGreaterThan(100);
  }, SYNTHETIC_TIMEOUT_MS);

  it('copies only what it changed: an inventory without secrets comes back as it was given, the same object', async () => {
    const demo = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const result = maskInventory(demo.inventory);
    expect(result.masked).toBe(0);
    expect(result.inventory).toBe(demo.inventory);

    const withSecret = inventoryHolding(['password = hunter2', 'Running']);
    const masked = maskInventory(withSecret);
    const valueOf = (inventory: LabInventory) => inventory.probes[0]!.value as { lines: string[]; switches: object };
    const [before, after] = [valueOf(withSecret), valueOf(masked.inventory)];
    expect(after.lines).toEqual([`password = ${SECRET_MASK}`, 'Running']);
    expect(before.lines[0]).toBe('password = hunter2');
    expect(after.switches).toBe(before.switches);
  });
});

describe('isSecretKey, remembered per key', () => {
  it('answers the same the first time and every time after, for many more keys than it remembers', () => {
    const keys = Array.from({ length: 25_000 }, (_, index) => (index % 3 === 0 ? `key_${index}` : index % 3 === 1 ? `name-${index}` : `db.password${index}`));
    const first = keys.map(isSecretKey);
    expect(keys.map(isSecretKey)).toEqual(first);
    expect(first.filter(Boolean)).toHaveLength(keys.filter((_, index) => index % 3 === 0).length);
    expect(isSecretKey('OS_PASSWORD')).toBe(true);
    expect(isSecretKey('bypass_cache')).toBe(false);
  });
});
