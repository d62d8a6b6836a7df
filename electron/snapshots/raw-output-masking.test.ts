import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, fixtureNames } from '../../test/unit/parsers/fixtures';
import { parseIni } from '../probes/parsers/ini';
import { SECRET_MASK } from '../probes/parsers/secret-masking';
import { maskRawOutput } from './raw-output-masking';

const mask = (text: string) => maskRawOutput(text).text;
/** No run of this many characters of a key's base64 body may survive (a body line is 64–70). */
const KEY_SLICE = 40;

function base64Body(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----') && !line.includes(':'))
    .join('');
}

function expectNoSliceOf(body: string, text: string): void {
  expect(body.length).toBeGreaterThan(KEY_SLICE);
  for (let start = 0; start + KEY_SLICE <= body.length; start += KEY_SLICE / 2) expect(text).not.toContain(body.slice(start, start + KEY_SLICE));
}

describe('nova.conf as cat prints it (real files, real secrets)', () => {
  it('masks exactly what the nova.conf parser masks, line for line, in every INI fixture', () => {
    for (const name of fixtureNames('ini')) {
      const text = fixture('ini', name);
      // The parser's text drops trailing blanks of a line; the raw output keeps them.
      const byParser = parseIni(text).value.text.split('\n');
      const raw = mask(text).split('\n');
      expect(raw.map((line) => line.trimEnd()), name).toEqual(byParser.map((line) => line.trimEnd()));
    }
  });

  it('leaves no clear secret of the rendered nova.conf (memcache keys, service passwords, rabbit URL)', () => {
    const result = maskRawOutput(fixture('ini', 'rendered-k8s-nova.conf.txt'));
    for (const secret of ['7jLMUQiFUMTtTFqR3Nln9ahml7KgxCA5kkuBfGE7AHDBub3jM48jNDLmuKJuBeO4', 'JrcNrm8yNFAkzthUDR68xDhKVlMzhQqM4ndkCVAFbCj4v1g91dWT03q3E5jr00AR', 'nova:password@']) {
      expect(result.text).not.toContain(secret);
    }
    expect(result.text).not.toMatch(/^(?:password|metadata_proxy_shared_secret) = (?!••••••)/m);
    // Every line under a key that suggests a secret changed, and only those: the masker errs on the
    // side of masking (service_token_roles and rbd_secret_uuid name no secret, and are masked too).
    const original = fixture('ini', 'rendered-k8s-nova.conf.txt').split('\n');
    const changedKeys = result.text.split('\n').flatMap((line, index) => (line === original[index] ? [] : [line.split('=')[0]!.trim()]));
    expect(changedKeys).toEqual(['transport_url', 'memcache_secret_key', 'password', 'memcache_secret_key', 'password', 'service_token_roles', 'rbd_secret_uuid', 'metadata_proxy_shared_secret', 'password', 'password', 'password']);
    expect(result.text).toContain(`transport_url = rabbit://nova:${SECRET_MASK}@rabbitmq-rabbitmq-0.rabbitmq.openstack.svc.cluster.local:5672,nova:${SECRET_MASK}@rabbitmq-rabbitmq-1`);
  });

  it('masks the walkthrough node\'s passwords and keeps every other byte', () => {
    const text = fixture('ini', 'walkthrough-nova.conf.txt');
    const result = maskRawOutput(text);
    expect(result.text).not.toContain('REDACTED');
    expect(result.masked).toBe(3);
    const changed = text.split('\n').filter((line, index) => line !== result.text.split('\n')[index]);
    expect(changed).toEqual(['password = REDACTED', 'password = REDACTED', 'rabbit_password = REDACTED']);
  });
});

describe('harmless outputs', () => {
  it('leaves every captured output without secrets byte for byte as it was', () => {
    for (const kind of ['juju-status', 'lxc-list', 'lxc-profile', 'ip-addr', 'ip-link', 'ip-netns', 'ip-route', 'ovs-list', 'ovs-vsctl', 'brctl', 'dpkg', 'ping', 'transcripts']) {
      for (const name of fixtureNames(kind)) {
        const text = fixture(kind, name);
        const result = maskRawOutput(text);
        expect(result.masked, `${kind}/${name}`).toBe(0);
        expect(result.text === text, `${kind}/${name} changed`).toBe(true);
      }
    }
  });

  it('keeps switches, empty values, words that only contain a secret word, and URLs without credentials', () => {
    const text = [
      'auth_type = password',
      'send_service_user_token = true',
      'use_token=off',
      'password =',
      'bypass_cache=1',
      'auth_url = http://keystone:5000/v3',
      '64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.045 ms',
      '{"auth-type":"password","password":"","token":null,"use-token":true}',
    ].join('\n');
    expect(maskRawOutput(text)).toEqual({ text, masked: 0 });
  });
});

describe('keys that suggest a secret, whatever their suffix (it errs on the side of masking)', () => {
  it('masks Vault\'s root token id and AppRole secret id, the profiler\'s HMAC keys, ids, files and times named after secrets', () => {
    const text = [
      '[vault]',
      'root_token_id = s.9XhYwK2cQfLw0vJq3aTt7mZr',
      'approle_role_id = 2f0c6a7e-role',
      'approle_secret_id = 7d1b2c3a-secret-id',
      '[profiler]',
      'hmac_keys = SECRET_KEY_FOR_PROFILER',
      'rbd_secret_uuid = 457eb676-33da-42ec-9a8c-9293d545c337',
      'token_cache_time = 300',
      'ssl_key_file = /etc/nova/ssl/key.pem',
    ].join('\n');
    const result = maskRawOutput(text);
    expect(result.text.split('\n')).toEqual([
      '[vault]',
      `root_token_id = ${SECRET_MASK}`,
      'approle_role_id = 2f0c6a7e-role',
      `approle_secret_id = ${SECRET_MASK}`,
      '[profiler]',
      `hmac_keys = ${SECRET_MASK}`,
      `rbd_secret_uuid = ${SECRET_MASK}`,
      `token_cache_time = ${SECRET_MASK}`,
      `ssl_key_file = ${SECRET_MASK}`,
    ]);
    expect(result.masked).toBe(6);
  });
});

describe('JSON', () => {
  // A real juju status with what a charm's options and a controller's credentials could add.
  const status = JSON.parse(fixture('juju-status', 'microk8s-benchmarks-2.9.29.json.txt')) as Record<string, unknown>;
  const secrets = { password: 'Zq8-admin-pass', token: 'tok-4f1c9a7e', nested: 'nested-cred-77', url: 'url-pw-31337' };
  const withSecrets = {
    ...status,
    options: { 'admin-password': secrets.password, 'auth_token': secrets.token, 'charm-url': `https://deploy:${secrets.url}@charmhub.example/x`, 'verbose': true, 'port': 5672 },
    credentials: { username: 'admin', keys: [secrets.nested, 'second-cred'], depth: { deeper: 42 } },
  };

  for (const [form, text] of [
    ['compact', JSON.stringify(withSecrets)],
    ['pretty', JSON.stringify(withSecrets, null, 2)],
  ] as const) {
    it(`masks every secret value of ${form} JSON and it still parses to the same document otherwise`, () => {
      const result = maskRawOutput(text);
      for (const secret of Object.values(secrets)) expect(result.text).not.toContain(secret);
      const parsed = JSON.parse(result.text) as typeof withSecrets;
      expect(parsed.options).toEqual({ 'admin-password': SECRET_MASK, 'auth_token': SECRET_MASK, 'charm-url': `https://deploy:${SECRET_MASK}@charmhub.example/x`, 'verbose': true, 'port': 5672 });
      // Everything under a secret key is secret, keys kept so the structure reads the same.
      expect(parsed.credentials).toEqual({ username: SECRET_MASK, keys: [SECRET_MASK, SECRET_MASK], depth: { deeper: SECRET_MASK } });
      expect({ ...parsed, options: null, credentials: null }).toEqual({ ...status, options: null, credentials: null });
    });
  }
});

describe('key = value lines of any kind', () => {
  it('masks env files, exports, YAML (blocks and lists under a secret key) and commented-out secrets', () => {
    const text = [
      "export OS_PASSWORD='s3cret-one'",
      'export OS_USERNAME=admin',
      'DB_PASSWORD="with spaces two"',
      'config:',
      '  user.password: plain-three',
      '  secret_key: |',
      '    block-four',
      '    block-five',
      '  other: keep',
      'secret:',
      '- list-six',
      '- list-seven',
      'next: keep',
      '#admin_password = commented-eight',
      '; token: semicolon-nine',
      'rabbit_password = ten',
      '  continued-eleven',
      'name = keep',
    ].join('\r\n');
    const result = maskRawOutput(text);
    for (const secret of ['s3cret-one', 'two', 'plain-three', 'block-four', 'block-five', 'list-six', 'list-seven', 'commented-eight', 'semicolon-nine', 'ten', 'continued-eleven']) {
      expect(result.text).not.toContain(secret);
    }
    expect(result.text.split('\r\n')).toEqual([
      `export OS_PASSWORD='${SECRET_MASK}'`,
      'export OS_USERNAME=admin',
      `DB_PASSWORD="${SECRET_MASK}"`,
      'config:',
      `  user.password: ${SECRET_MASK}`,
      '  secret_key: |',
      `    ${SECRET_MASK}`,
      `    ${SECRET_MASK}`,
      '  other: keep',
      'secret:',
      `- ${SECRET_MASK}`,
      `- ${SECRET_MASK}`,
      'next: keep',
      `#admin_password = ${SECRET_MASK}`,
      `; token: ${SECRET_MASK}`,
      `rabbit_password = ${SECRET_MASK}`,
      `  ${SECRET_MASK}`,
      'name = keep',
    ]);
  });

  it('masks key=value pairs inside a line, URL credentials anywhere, and query parameters named like secrets', () => {
    const line = 'nova-manage --os-password=flag-pw --os-username=admin rabbit://nova:url-pw@10.0.0.5:5672/ "mysql://n:quoted\\"pw@db/nova" http://h:5000/v3?token=query-tok&x=1';
    const result = maskRawOutput(line);
    for (const secret of ['flag-pw', 'url-pw', 'quoted', 'query-tok']) expect(result.text).not.toContain(secret);
    expect(result.text).toBe(`nova-manage --os-password=${SECRET_MASK} --os-username=admin rabbit://nova:${SECRET_MASK}@10.0.0.5:5672/ "mysql://n:${SECRET_MASK}@db/nova" http://h:5000/v3?token=${SECRET_MASK}&x=1`);
    expect(result.masked).toBe(4);
  });
});

describe('PEM private keys', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keys: Record<string, string> = {
    'PKCS#8': rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'PKCS#1': rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    'SEC1': ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
    'encrypted PKCS#8': rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'unit-test' }).toString(),
    'OpenSSH': openSshKey(),
  };
  const certificateLike = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

  for (const [name, pem] of Object.entries(keys)) {
    it(`masks a ${name} key as printed, indented in YAML and escaped in JSON, and keeps its BEGIN/END lines`, () => {
      const body = base64Body(pem);
      const [begin, ...rest] = pem.trimEnd().split('\n');
      const end = rest[rest.length - 1]!;
      const asPrinted = maskRawOutput(`before\n${pem}after\n`);
      expect(asPrinted.text).toBe(`before\n${begin}\n${SECRET_MASK}\n${end}\nafter\n`);
      expect(asPrinted.masked).toBe(1);
      const yaml = mask(`config:\n  ssl_cert: |\n${pem.replace(/^/gm, '    ')}\n  after: keep\n`);
      expectNoSliceOf(body, yaml);
      expect(yaml).toContain(`    ${begin}\n    ${SECRET_MASK}\n    ${end}\n`);
      const json = mask(JSON.stringify({ cert: pem, other: 'keep' }));
      expectNoSliceOf(body, json);
      expect(JSON.parse(json)).toEqual({ cert: `${begin}\n${SECRET_MASK}\n${end}\n`, other: 'keep' });
      expectNoSliceOf(body, mask(pem.replace(/\n/g, '\r\n')));
      // Cut off before its END line (a truncated output): masked to the end.
      expectNoSliceOf(body, mask(pem.slice(0, pem.length / 2)));
    });
  }

  it('keeps public keys and certificates', () => {
    expect(maskRawOutput(certificateLike)).toEqual({ text: certificateLike, masked: 0 });
  });
});

describe('long outputs', () => {
  const MEGABYTE = 1 << 20;
  const questionMarks = '?a'.repeat(MEGABYTE / 2);
  const indented = ' y\n'.repeat(MEGABYTE / 3);
  // Each is a shape that makes a backtracking scan go quadratic; the masker reads each once.
  // Results are compared as booleans: a failure message must not print a megabyte.
  const shapes: Record<string, { text: string; expected: string }> = {
    'one long word': { text: 'a'.repeat(MEGABYTE), expected: 'a'.repeat(MEGABYTE) },
    'equals signs between words': { text: 'ab='.repeat(MEGABYTE / 3), expected: 'ab='.repeat(MEGABYTE / 3) },
    'schemes without a URL': { text: `${'a-'.repeat(MEGABYTE / 2)}!b://`, expected: `${'a-'.repeat(MEGABYTE / 2)}!b://` },
    'a URL of question marks': { text: `http://u:p@h/?${questionMarks}`, expected: `http://u:${SECRET_MASK}@h/?${questionMarks}` },
    'quotes': { text: '"'.repeat(MEGABYTE), expected: '"'.repeat(MEGABYTE) },
    'opened JSON': { text: `{"password":[${'['.repeat(MEGABYTE / 2)}`, expected: `{"password":[${'['.repeat(MEGABYTE / 2)}` },
    'BEGIN markers': { text: PEM_LIKE_BEGIN.repeat(MEGABYTE / PEM_LIKE_BEGIN.length), expected: PEM_LIKE_BEGIN.repeat(MEGABYTE / PEM_LIKE_BEGIN.length) },
    'indented lines under a secret': { text: `password = x\n${indented}`, expected: `password = ${SECRET_MASK}\n${indented.replace(/y/g, SECRET_MASK)}` },
    'secrets at both ends': { text: `--password=first ${'x'.repeat(MEGABYTE)} token=last`, expected: `--password=${SECRET_MASK} ${'x'.repeat(MEGABYTE)} token=${SECRET_MASK}` },
  };
  for (const [name, { text, expected }] of Object.entries(shapes)) {
    it(`masks a megabyte of ${name}`, () => {
      const result = maskRawOutput(text).text;
      expect(result.length).toBe(expected.length);
      expect(result === expected).toBe(true);
    });
  }
});

const PEM_LIKE_BEGIN = '-----BEGIN ';

function openSshKey(): string {
  const dir = mkdtempSync(join(tmpdir(), 'obx-mask-'));
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'unit-test', '-f', join(dir, 'key')]);
    return readFileSync(join(dir, 'key'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('JSON values found by jumping from quote to quote', () => {
  // Outside a secret the scan goes from one quote to the next, and a closing quote is found by
  // indexOf and the run of backslashes before it. These are the results the character-by-character
  // scan gave (checked against it on 400,000 generated lines when the jump was made).
  it('reads escaped quotes and backslash runs as JSON does, and masks a secret opened after brackets it skipped', () => {
    const cases: [string, string, number][] = [
      [String.raw`[[[{"name":"a\"b"}]]],{"auth":{"password":"p\\","user":"u"},"after":"kept"}`, String.raw`[[[{"name":"a\"b"}]]],{"auth":{"password":"••••••","user":"u"},"after":"kept"}`, 1],
      [String.raw`{"x":[1,2,{"y":"}"}],"token":"t\"k\\"}`, String.raw`{"x":[1,2,{"y":"}"}],"token":"••••••"}`, 1],
      [String.raw`{"a":"\\","secret":"s"}`, String.raw`{"a":"\\","secret":"••••••"}`, 1],
      [String.raw`{"open":"never closed, \"password\": "x"`, String.raw`{"open":"never closed, \"password\": "x"`, 0],
      ['}}]]{"keys":["k1",{"deep":"k2"}],"name":"n"}', '}}]]{"keys":["••••••",{"deep":"••••••"}],"name":"n"}', 2],
    ];
    for (const [line, masked, count] of cases) expect(maskRawOutput(line), line).toEqual({ text: masked, masked: count });
  });
});
