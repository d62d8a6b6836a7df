// Real outputs: the lab's `lxc profile list --format json` and `lxc profile show` (LXD 5.0.2), the
// walkthrough's `lxc profile show instance-00000014` (LXD 2.0.5, the seed output copied verbatim).
import { describe, expect, it } from 'vitest';
import { parseLxcProfile } from '../../../electron/probes/parsers/lxc-profile';
import { parseLxcProfileList } from '../../../electron/probes/parsers/lxc-profile-list';
import { fixture } from '../../../test/unit/parsers/fixtures';
import { profileYaml, tokenizeYaml, type YamlToken } from './profile-yaml';

const labProfiles = () => parseLxcProfileList(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-list.json.txt')).value.profiles;
const labProfile = (name: string) => labProfiles().find((profile) => profile.name === name)!;
const lineText = (tokens: YamlToken[]) => tokens.map((token) => token.text).join('');
const kindOf = (lines: YamlToken[][], text: string) => lines.flat().find((token) => token.text === text)?.kind;

describe('profileYaml', () => {
  it('prints a profile from the probe exactly as `lxc profile show` printed it on the lab', () => {
    expect(profileYaml(labProfile('instance-00000014'))).toBe(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-show.txt'));
  });

  it('keeps LXD string values quoted where YAML would read them as something else ("True", "1")', () => {
    const yaml = profileYaml(labProfile('instance-00000012'));
    expect(yaml).toContain('  boot.autostart: "True"\n');
    expect(yaml).toContain('  limits.cpu: "1"\n');
    expect(yaml).toContain('  limits.memory: 512MB\n');
    expect(yaml).toContain('  raw.lxc: |\n    lxc.console.logfile=/var/log/lxd/instance-00000012/console.log\n');
  });

  it('prints empty maps and lists the way LXD does', () => {
    const yaml = profileYaml(labProfile('juju-default'));
    expect(yaml).toContain('devices: {}\n');
    expect(yaml).toMatch(/^config:\n  boot.autostart: "true"\ndescription: Juju model default \(79fcc7\)\ndevices: \{\}\nname: juju-default\nused_by:\n- \/1.0\/instances\//);
    expect(profileYaml({ ...labProfile('juju-default'), usedBy: null })).toContain('used_by: []\n');
  });

  it('sorts config and device keys as LXD does, whatever order they came in', () => {
    const profile = labProfile('instance-00000014');
    const reversed = { ...profile, config: Object.fromEntries(Object.entries(profile.config).reverse()) };
    expect(profileYaml(reversed)).toBe(profileYaml(profile));
  });
});

describe('tokenizeYaml', () => {
  const realOutputs = [
    fixture('lxc-profile', 'lab-lxd-5.0.2-profile-show.txt'),
    fixture('lxc-profile', 'lab-lxd-5.0.2-config-show-expanded.txt'),
    fixture('lxc-profile', 'walkthrough-lxd-2.0.5-profile-show.txt').split('\n').slice(1).join('\n'),
  ];

  it('gives every line of real LXD output back exactly when its tokens are joined', () => {
    for (const text of realOutputs) {
      const lines = tokenizeYaml(text);
      expect(lines.map(lineText).join('\n')).toBe(text.replace(/\n$/, ''));
    }
  });

  it('marks keys, quoted strings, plain values, empty maps and list dashes', () => {
    const lines = tokenizeYaml(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-show.txt'));
    expect(lines[1]).toEqual([
      { kind: 'indent', text: '  ' },
      { kind: 'key', text: 'boot.autostart' },
      { kind: 'colon', text: ':' },
      { kind: 'space', text: ' ' },
      { kind: 'string', text: '"True"' },
    ]);
    expect(kindOf(lines, 'qbr9e0c6af1-30')).toBe('key');
    expect(kindOf(lines, 'tap9e0c6af1-30')).toBe('plain');
    expect(kindOf(lines, '2048MB')).toBe('plain');
    expect(kindOf(lines, '-')).toBe('dash');
    expect(kindOf(lines, '/1.0/instances/instance-00000014?project=node05ob64')).toBe('plain');
  });

  it('does not take the colons of a MAC address for a key', () => {
    const lines = tokenizeYaml(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-show.txt'));
    const hwaddr = lines.find((tokens) => tokens.some((token) => token.text === 'hwaddr'))!;
    expect(hwaddr.filter((token) => token.kind === 'key').map((token) => token.text)).toEqual(['hwaddr']);
    expect(hwaddr.at(-1)).toEqual({ kind: 'plain', text: 'fa:16:3e:e4:a3:bf' });
  });

  it('keeps a literal block as text, even when it looks like a key', () => {
    const lines = tokenizeYaml(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-show.txt'));
    expect(kindOf(lines, '|')).toBe('block-indicator');
    expect(kindOf(lines, 'lxc.console.logfile=/var/log/lxd/instance-00000014/console.log')).toBe('block-text');
    const tricky = tokenizeYaml('raw.lxc: |\n  lxc.apparmor.profile: unconfined\nname: x\n');
    expect(tricky[1]!.map((token) => token.kind)).toEqual(['indent', 'block-text']);
    expect(tricky[2]![0]).toEqual({ kind: 'key', text: 'name' });
  });

  it('reads single-quoted values with embedded JSON as one string', () => {
    const lines = tokenizeYaml(fixture('lxc-profile', 'lab-lxd-5.0.2-config-show-expanded.txt'));
    const idmap = lines.find((tokens) => tokens.some((token) => token.text === 'volatile.idmap.next'))!;
    expect(idmap.at(-1)!.kind).toBe('string');
    expect(idmap.at(-1)!.text.startsWith("'[{")).toBe(true);
    expect(kindOf(lines, 'false')).toBe('boolean');
  });
});
