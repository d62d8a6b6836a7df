// Every parser, on what a field engineer's paste or a broken probe can produce: it never throws,
// says what it could not read, and leaves a model of the documented shape.
import { describe, expect, it, vi } from 'vitest';
import { MAX_PROBLEMS, PARSE_KINDS, parsers, type ParseKind } from '../../../electron/probes/parsers';
import { isEmptyModel, UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { maskUrlCredentials, SECRET_MASK } from '../../../electron/probes/parsers/secret-masking';
import { parseOvsList } from '../../../electron/probes/parsers/ovs-list';
import { fixture } from './fixtures';

/** A real output per kind, to cut, colour and repeat. */
const SAMPLES: Record<ParseKind, [string, string]> = {
  'juju-status': ['juju-status', 'walkthrough-2.0.1-tabular.txt'],
  'lxc-list': ['lxc-list', 'walkthrough-lxd-2.0.5-after-instances.txt'],
  'lxc-profile': ['lxc-profile', 'walkthrough-lxd-2.0.5-profile-show.txt'],
  'lxc-profile-list': ['lxc-profile', 'lab-lxd-5.0.2-profile-list.json.txt'],
  'ip-netns': ['ip-netns', 'lab-iproute2-6.1-with-ids.txt'],
  ping: ['ping', 'iputils-20221126-loopback.txt'],
  dpkg: ['dpkg', 'walkthrough-dpkg-l-grep-lxd.txt'],
  ini: ['ini', 'walkthrough-nova.conf.txt'],
  'ovs-vsctl': ['ovs-vsctl', 'lab-ovs-3.1.0-show.txt'],
  'ovs-list': ['ovs-list', 'lab-ovs-3.1.0-interface-name-external_ids-type.json.txt'],
  'ip-addr': ['ip-addr', 'lab-qrouter-iproute2-6.1.json.txt'],
  'ip-route': ['ip-route', 'lab-qrouter-iproute2-6.1.txt'],
  'ip-link': ['ip-link', 'netns-capture-vif-chain-iproute2-6.1.json.txt'],
  'ip-neigh': ['ip-neigh', 'netns-capture-iproute2-6.1.txt'],
  brctl: ['brctl', 'troubleshooting-notes-bridge-utils-tabs.txt'],
  firewall: ['firewall', 'devstack-qrouter-iptables-t-nat-S.txt'],
  'dnsmasq-processes': ['dnsmasq-processes', 'lab-pgrep-procps-4.0.2.txt'],
  'openstack-hypervisor-list': ['openstack-hypervisor-list', 'lab-osc-6.0.0-long.txt'],
  'openstack-server-list': ['openstack-server-list', 'lab-osc-6.0.0-all-projects-long.txt'],
  'openstack-network-list': ['openstack-network-list', 'lab-osc-6.0.0-long.txt'],
  'openstack-subnet-list': ['openstack-subnet-list', 'lab-osc-6.0.0-long.txt'],
  'openstack-router-list': ['openstack-router-list', 'lab-osc-6.0.0-show.txt'],
  'openstack-port-list': ['openstack-port-list', 'lab-osc-6.0.0-long.txt'],
  'openstack-floating-ip-list': ['openstack-floating-ip-list', 'lab-osc-6.0.0-long.json.txt'],
  'openstack-security-group-list': ['openstack-security-group-list', 'lab-osc-6.0.0.txt'],
  'openstack-image-list': ['openstack-image-list', 'lab-osc-6.0.0-long.txt'],
  'openstack-flavor-list': ['openstack-flavor-list', 'lab-osc-6.0.0-all.txt'],
  'openstack-compute-service-list': ['openstack-compute-service-list', 'lab-osc-6.0.0.txt'],
  'openstack-network-agent-list': ['openstack-network-agent-list', 'lab-neutronclient-8.1.0-agent-list.txt'],
};

/** Kinds for which no output at all is a real answer (no namespaces, no routes, no neighbours, no rules, no dnsmasq). */
const EMPTY_IS_AN_ANSWER = new Set<ParseKind>(['ip-netns', 'ip-route', 'ip-neigh', 'firewall', 'dnsmasq-processes']);

const TEN_MEGABYTES = 10 * 1024 * 1024;

function binaryGarbage(length: number): string {
  let state = 0x2545f491;
  let text = '';
  for (let index = 0; index < length; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    text += String.fromCharCode(state & 0xff);
  }
  return text;
}

describe.each(PARSE_KINDS)('%s on hostile input', (kind) => {
  const parse = parsers[kind];
  const sample = fixture(...SAMPLES[kind]);

  it('reads its real sample with something in the model', () => {
    const result = parse(sample);
    expect(result.format).not.toBe(UNREADABLE);
    expect(isEmptyModel(result.value)).toBe(false);
  });

  it('reports empty input (or reads it as the empty answer it is)', () => {
    const result = parse('');
    if (EMPTY_IS_AN_ANSWER.has(kind)) expect(result.problems).toEqual([]);
    else {
      expect(result.format).toBe(UNREADABLE);
      expect(result.problems.length).toBeGreaterThan(0);
    }
    expect(isEmptyModel(result.value)).toBe(true);
  });

  it('never throws on values that are not text', () => {
    for (const value of [undefined, null, 42, {}, ['a']]) expect(() => parse(value as unknown as string)).not.toThrow();
  });

  it('reports binary garbage without throwing, naming a line', () => {
    const result = parse(binaryGarbage(4096));
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.some((entry) => entry.line !== null)).toBe(true);
  });

  it('reads invalid UTF-8 (replacement characters) and says characters were lost', () => {
    const broken = Buffer.concat([Buffer.from(sample.slice(0, 40)), Buffer.from([0xff, 0xfe]), Buffer.from(sample.slice(40))]).toString('utf8');
    const result = parse(broken);
    expect(result.problems.some((entry) => /UTF-8/.test(entry.message))).toBe(true);
  });

  it('reads the sample cut in half without throwing', () => {
    expect(() => parse(sample.slice(0, Math.floor(sample.length / 2)))).not.toThrow();
  });

  it('reads the sample with ANSI colours and CRLF line ends like the plain one', () => {
    const coloured = sample
      .split('\n')
      .map((line) => (line.trim() === '' ? line : `\u001b[1;32m${line}\u001b[0m`))
      .join('\r\n');
    expect(parse(coloured).value).toEqual(parse(sample).value);
  });

  it('reads 10 MB without throwing, in reasonable time', { timeout: 30_000 }, () => {
    const lines = sample.split('\n');
    const body = lines.slice(Math.min(2, lines.length - 1)).join('\n');
    const huge = `${sample}\n${body.repeat(Math.ceil(TEN_MEGABYTES / Math.max(body.length, 1)))}`.slice(0, TEN_MEGABYTES);
    expect(() => parse(huge)).not.toThrow();
  });
});

describe('hostile JSON', () => {
  // The first line is whole; the document stops on the second.
  const truncated: [ParseKind, string][] = [
    ['juju-status', '{"model": {"name": "x"},\n "applications": {"glance": {"units": '],
    ['ovs-list', '{"data": [["qvo1", ["map", []]]],\n "headings": ["name", '],
    ['lxc-list', '[{"name": "c1", "status": "Running"},\n {"name": "c2", "sta'],
    ['lxc-profile-list', '[{"name": "default", "config": {}},\n {"name": "instance-0'],
    ['ip-addr', '[{"ifindex": 1, "ifname": "lo"},\n {"ifindex": 2, "ifn'],
    ['ip-route', '[{"dst": "default", "gateway": "10.0.0.1"},\n {"dst": "10.'],
    ['ip-link', '[{"ifindex": 1, "ifname": "lo"},\n {"ifindex": 2, "ifn'],
    ['ip-netns', '[{"name": "qdhcp-1", "id": 0},\n {"name": "qrou'],
    ['ip-neigh', '[{"dst": "198.51.100.2", "dev": "qr-1"},\n {"dst": "198.51'],
  ];
  it.each(truncated)('%s reports truncated JSON on the line where it stops', (kind, text) => {
    const result = parsers[kind](text);
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems).toContainEqual({ line: 2, message: expect.stringMatching(/truncated|malformed/) });
  });

  it('keeps a "__proto__" key from the input as data', () => {
    parsers['lxc-profile']('config:\n  __proto__: polluted\ndevices:\n  __proto__:\n    type: nic\n');
    parsers['ovs-list']('{"headings":["name","external_ids"],"data":[["x",["map",[["__proto__","polluted"]]]]]}');
    expect(({} as Record<string, unknown>).type).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('problems per result', () => {
  it('keeps at most MAX_PROBLEMS, the last saying how many more there were', () => {
    const lines = Array.from({ length: 500 }, (_, index) => `garbage line ${index}`).join('\n');
    const result = parsers.ping(lines);
    expect(result.problems).toHaveLength(MAX_PROBLEMS);
    expect(result.problems[MAX_PROBLEMS - 1]).toEqual({ line: MAX_PROBLEMS, message: `… and ${500 - MAX_PROBLEMS + 1} more problems from here on` });
  });
});

describe('YAML that makes the yaml library warn', () => {
  it('prints nothing (a warning would carry a piece of the input, perhaps a secret); the parser still answers', () => {
    const printed: unknown[] = [];
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation((warning: unknown) => void printed.push(warning));
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void printed.push(args));
    try {
      // A mapping used as a key: yaml warns "Keys with collection values will be stringified…" with the key's text.
      const text = 'config:\n  ? {password: s3cr3t-in-a-key}\n  : value\nname: default\n';
      const result = parsers['lxc-profile'](text);
      expect(result.format).not.toBe(UNREADABLE);
      expect(printed).toEqual([]);
    } finally {
      emitWarning.mockRestore();
      warn.mockRestore();
    }
  });
});

describe('lines shaped to make a backtracking pattern quadratic (a megabyte each)', () => {
  // Each took from seconds to minutes before; the test's time limit is the bound that catches a return.
  const MEGABYTE = 1024 * 1024;
  const LINEAR_MS = 20_000;

  it('masks URL credentials in a megabyte-long word, and still finds the URL after it', { timeout: LINEAR_MS }, () => {
    const word = 'a'.repeat(MEGABYTE);
    expect(maskUrlCredentials(word)).toEqual({ value: word, masked: false });
    const masked = maskUrlCredentials(`${word} rabbit://nova:s3cret@10.0.0.5:5672/`);
    expect(masked.masked).toBe(true);
    expect(masked.value.endsWith(`rabbit://nova:${SECRET_MASK}@10.0.0.5:5672/`)).toBe(true);
  });

  it('reads a line of a megabyte of spaces before its last character, and a prompt-like "[a@bbbb…" line', { timeout: LINEAR_MS }, () => {
    for (const text of [`qrouter-1${' '.repeat(MEGABYTE)}x\nqdhcp-2\n`, `[a@${'b'.repeat(MEGABYTE)}\nqdhcp-2\n`]) {
      // Whatever it makes of it, it answers, and says something was not what it expected.
      expect(parsers['ip-netns'](text).problems.length).toBeGreaterThan(0);
    }
  });
});

describe('outputs past any real one: deep nesting, a flood of bad lines', () => {
  it('ovs-vsctl list keeps a value nested 10,000 deep as text, saying so, in both forms', () => {
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const text = parseOvsList(`_uuid               : 4b5d-1\nname                : "qvo1896322c-d4"\nstatus              : ${deep}\n`);
    expect(text.value.records[0]?.name).toBe('qvo1896322c-d4');
    expect(text.problems.map((entry) => entry.message)).toContainEqual(expect.stringMatching(/^status is nested deeper than \d+ levels/));

    // Written out as text: JSON.stringify itself cannot go 10,000 deep.
    const set = `${'["set",['.repeat(10_000)}1${',2]]'.repeat(10_000)}`;
    const json = parseOvsList(`{"headings":["name","status"],"data":[["qvo1896322c-d4",${set}]]}`);
    expect(json.value.records[0]?.name).toBe('qvo1896322c-d4');
  });

  it('keeps its problems whole and typed past 130,000 bad lines (push(...many) threw RangeError)', { timeout: 30_000 }, () => {
    // ip addr's text form: each bad line is a problem of the reading, handed up in one go.
    const result = parsers['ip-addr'](`2: qg-1: <BROADCAST,UP> mtu 1500 qdisc noqueue state UP\n${'garbage here\n'.repeat(140_000)}`);
    expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
    expect(result.problems.at(-1)?.message).toMatch(/more/);
  });
});

describe('YAML with collections as keys', () => {
  it('reads 800 nested "{" without stringifying every level again (53 s before), as Juju status and as a profile', { timeout: 20_000 }, () => {
    const text = `model:\n  name: ${'{'.repeat(800)}${'}'.repeat(800)}\n`;
    for (const kind of ['juju-status', 'lxc-profile'] as const) expect(Array.isArray(parsers[kind](text).problems), kind).toBe(true);
  });
});

describe('numbers that are not numbers', () => {
  it('reads an MTU that is not a number as null and says so, in ip link and ip addr (it was NaN)', () => {
    for (const kind of ['ip-link', 'ip-addr'] as const) {
      const result = parsers[kind]('5: qg-1: <BROADCAST,UP> mtu lots qdisc noqueue state UP\n    link/ether fa:16:3e:00:00:01 brd ff:ff:ff:ff:ff:ff\n');
      expect(JSON.stringify(result.value), kind).toContain('"mtu":null');
      expect(result.problems.map((entry) => entry.message), kind).toContainEqual(expect.stringContaining('the MTU of qg-1 is not a number'));
    }
  });
});

describe('YAML too large to hold', () => {
  it('refuses 10 MB of "1," as an LXD profile with a reason, instead of running out of memory', { timeout: 20_000 }, () => {
    const result = parsers['lxc-profile'](`[${'1,'.repeat(5_000_000)}1]`);
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems.map((entry) => entry.message)).toContainEqual(expect.stringMatching(/about \d+ items, more than the 200000 read as YAML here.*ask the tool for JSON/));
  });
});
