import { describe, expect, it } from 'vitest';
import { parseIpNeigh } from '../../../electron/probes/parsers/ip-neigh';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';

describe('ip neigh: a namespace’s neighbour table', () => {
  const json = parseIpNeigh(fixture('ip-neigh', 'netns-capture-iproute2-6.1.json.txt'));
  const text = parseIpNeigh(fixture('ip-neigh', 'netns-capture-iproute2-6.1.txt'));

  it('reads each entry’s address, port, MAC and state from ip -j neigh, a failed one without a MAC', () => {
    expect(json.format).toBe('json');
    expect(json.problems).toEqual([]);
    expect(json.value.entries[0]).toEqual({ address: '198.51.100.4', device: 'qr-cdbf7fe2-ce', mac: 'fa:16:3e:12:0a:04', states: ['STALE'], router: false });
    expect(json.value.entries.find((entry) => entry.address === '198.51.100.9')).toEqual({ address: '198.51.100.9', device: 'qr-cdbf7fe2-ce', mac: null, states: ['FAILED'], router: false });
  });

  it('reads the router flag iproute2 prints as "router": null in JSON and "router" in text', () => {
    expect(json.value.entries.find((entry) => entry.address === '2001:db8:1::2')?.router).toBe(true);
    expect(text.value.entries.find((entry) => entry.address === '2001:db8:1::2')?.router).toBe(true);
  });

  it('reads the text form to the same entries as JSON, and an entry still INCOMPLETE', () => {
    expect(text.format).toBe('text');
    expect(text.value).toEqual(json.value);
    const incomplete = parseIpNeigh(fixture('ip-neigh', 'netns-capture-iproute2-6.1-incomplete.txt'));
    expect(incomplete.value.entries.find((entry) => entry.address === '198.51.100.9')?.states).toEqual(['INCOMPLETE']);
  });

  it('reads the lab qrouter’s table: the instances behind two qr- ports, one address that never answered', () => {
    const { value, problems } = parseIpNeigh(fixture('ip-neigh', 'lab-qrouter-iproute2-6.1.json.txt'));
    expect(problems).toEqual([]);
    expect(value.entries).toHaveLength(5);
    expect(value.entries.find((entry) => entry.address === '198.51.100.39')).toEqual({ address: '198.51.100.39', device: 'qr-b2448589-2b', mac: 'fa:16:3e:f5:ed:19', states: ['REACHABLE'], router: false });
    expect(value.entries.filter((entry) => entry.mac === null).map((entry) => [entry.address, entry.states])).toEqual([['198.51.100.29', ['FAILED']]]);
  });

  it('reads a DVR qrouter’s permanent entries from a blog, and names the line its author wrapped in HTML', () => {
    const { value, problems } = parseIpNeigh(fixture('ip-neigh', 'dvr-qrouter-blog-ip-nei.txt'));
    expect(value.entries.map((entry) => entry.address)).toEqual(['10.0.1.5', '10.0.2.3', '10.0.1.6', '10.0.2.2', '10.0.1.4', '10.0.1.7', '169.254.31.29']);
    expect(value.entries.filter((entry) => entry.states[0] === 'PERMANENT')).toHaveLength(6);
    expect(problems).toEqual([{ line: 5, message: expect.stringMatching(/^not a neighbour entry: "<font color=DarkRed/) }]);
  });

  it('reads a host’s table as iproute2 notes quote it', () => {
    const { value } = parseIpNeigh(fixture('ip-neigh', 'iproute2-notes-ip-neighbor.txt'));
    expect(value.entries).toHaveLength(5);
    expect(value.entries[0]).toEqual({ address: '10.136.5.1', device: 'eth0', mac: 'b8:f0:15:a5:1c:ac', states: ['REACHABLE'], router: false });
  });

  it('reads no output as an empty table, and says what it could not read', () => {
    expect(parseIpNeigh('')).toEqual({ value: { entries: [] }, format: 'text', problems: [] });
    const wrong = parseIpNeigh('default via 198.51.100.1 dev qg-1\n');
    expect(wrong.format).toBe(UNREADABLE);
    expect(wrong.problems[0]?.message).toMatch(/^not a neighbour entry: "default via/);
    const noDst = parseIpNeigh('[{"dev": "qr-1", "state": ["STALE"]}]');
    expect(noDst.problems).toEqual([{ line: null, message: 'entry 1 has no "dst"; skipped' }]);
  });
});
