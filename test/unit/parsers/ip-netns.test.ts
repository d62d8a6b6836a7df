import { describe, expect, it } from 'vitest';
import { parseIpNetns } from '../../../electron/probes/parsers/ip-netns';
import { splitShellTranscript } from '../../../electron/probes/parsers/shell-transcript';
import { fixture } from './fixtures';

const gatewayTranscript = fixture('transcripts', 'walkthrough-gateway-ip-netns-and-ping.txt');

describe('ip netns, walkthrough gateway (node02ob64)', () => {
  const netns = splitShellTranscript(gatewayTranscript).find((entry) => entry.command === 'ip netns');

  it('finds the command in the pasted session', () => {
    expect(splitShellTranscript(gatewayTranscript).map((entry) => entry.command)).toEqual([
      'juju ssh 26',
      'sudo -s',
      'ip netns',
      'ip netns exec qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566 bash',
      'ping 119.115.26.136',
      'ping 119.115.26.133',
    ]);
    expect(gatewayTranscript.split('\n')[netns!.outputLine - 1]).toBe('qdhcp-f8ec06d8-c199-45b8-bc72-56ee2c806fed (id: 3)');
  });

  it('reads each Neutron namespace with its kind, resource id and netns id', () => {
    const result = parseIpNetns(netns!.output);
    expect(result.problems).toEqual([]);
    expect(result.value.namespaces).toEqual([
      { name: 'qdhcp-f8ec06d8-c199-45b8-bc72-56ee2c806fed', id: 3, kind: 'qdhcp', resourceId: 'f8ec06d8-c199-45b8-bc72-56ee2c806fed' },
      { name: 'qdhcp-2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f', id: 2, kind: 'qdhcp', resourceId: '2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f' },
      { name: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566', id: 1, kind: 'qrouter', resourceId: '35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' },
      { name: 'qdhcp-ac7bafe8-3c37-48ba-8c24-98be14f4d9f7', id: 0, kind: 'qdhcp', resourceId: 'ac7bafe8-3c37-48ba-8c24-98be14f4d9f7' },
    ]);
  });
});

describe('ip netns, iproute2 6.1 (the lab)', () => {
  it('reads the text and the JSON form to the same namespaces', () => {
    const text = parseIpNetns(fixture('ip-netns', 'lab-iproute2-6.1-with-ids.txt'));
    const json = parseIpNetns(fixture('ip-netns', 'lab-iproute2-6.1.json.txt'));
    expect(text.format).toBe('text');
    expect(json.format).toBe('json');
    expect(json.value).toEqual(text.value);
    expect(text.value.namespaces.find((entry) => entry.kind === 'qrouter')).toEqual({ name: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566', id: 4, kind: 'qrouter', resourceId: '35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' });
  });

  it('reads names without "(id: N)", DVR kinds, and other namespaces', () => {
    const { value } = parseIpNetns('snat-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566\nfip-0b2c1d4e-7f80-4a1b-9c2d-3e4f5a6b7c8d (id: 5)\novnmeta-1c2d\nmyns\n');
    expect(value.namespaces.map((entry) => [entry.kind, entry.resourceId, entry.id])).toEqual([
      ['snat', '35fea0f3-ca4d-4bdf-a3b7-c00194bbd566', null],
      ['fip', '0b2c1d4e-7f80-4a1b-9c2d-3e4f5a6b7c8d', 5],
      ['other', null, null],
      ['other', null, null],
    ]);
  });

  it('treats an empty listing as no namespaces, and reports lines that are not namespaces', () => {
    expect(parseIpNetns('')).toEqual({ value: { namespaces: [] }, format: 'text', problems: [] });
    const result = parseIpNetns('qdhcp-1 (id: 0)\nError: Peer netns reference is invalid.\n');
    expect(result.value.namespaces).toHaveLength(1);
    expect(result.problems).toEqual([{ line: 2, message: 'not a namespace line: "Error: Peer netns reference is invalid."' }]);
  });
});
