import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDpifShow, summariseTrace } from './ofproto-trace';

const output = (path: string) => readFileSync(new URL(`../../test/fixtures/outputs/${path}`, import.meta.url), 'utf8');
const ports = parseDpifShow(output('dpif-show/lab-ovs-3.1.0-netdev.txt'));

describe('ofproto/trace summarised (OVS 3.1, userspace datapath, NORMAL flows)', () => {
  it('names the datapath ports dpif/show lists', () => {
    expect(ports.get(13)).toBe('qvo9e0c6af1-30');
    expect(ports.get(6)).toBe('qr-cdbf7fe2-ce');
    expect(ports.get(9)).toBe('qg-adbbe7ab-46');
    expect(ports.size).toBe(13);
  });

  it('a learned destination: output to the instance’s qvo, by name', () => {
    const summary = summariseTrace(output('ofproto-trace/lab-ovs-3.1.0-learned-port.txt'), 'ovs-appctl ofproto/trace …', ports);
    expect(summary).toMatchObject({ outcome: 'output', text: 'output to qvo9e0c6af1-30', outputPorts: ['qvo9e0c6af1-30'], error: null });
    expect(summary.raw).toContain('forwarding to learned port');
  });

  it('a packet an access port refuses: dropped, with the reason OVS gives', () => {
    const summary = summariseTrace(output('ofproto-trace/lab-ovs-3.1.0-drop-vlan-access-port.txt'), 'trace', ports);
    expect(summary.outcome).toBe('dropped');
    expect(summary.text).toBe('dropped: dropping VLAN 5 tagged packet received on port qvo9e0c6af1-30 configured as VLAN 1 access port');
  });

  it('an unknown destination MAC: flooded to the VLAN’s ports, said so', () => {
    const summary = summariseTrace(output('ofproto-trace/lab-ovs-3.1.0-flood-unknown-mac.txt'), 'trace', ports);
    expect(summary.outputPorts).toEqual(['br-int on VLAN 1', 'tap9fab3b71-9d', 'qr-cdbf7fe2-ce', 'qvo060a1db8-02', 'qvo1896322c-d4']);
    expect(summary.text).toContain('(flooded: br-int has not learned the destination MAC yet)');
  });

  it('output that misses the port the path leaves by says so first', () => {
    const flooded = output('ofproto-trace/lab-ovs-3.1.0-flood-unknown-mac.txt');
    expect(summariseTrace(flooded, 'trace', ports, 'qvo9e0c6af1-30').text).toMatch(/^not delivered to qvo9e0c6af1-30: output to br-int on VLAN 1, tap9fab3b71-9d/);
    expect(summariseTrace(flooded, 'trace', ports, 'qr-cdbf7fe2-ce').text).toMatch(/^output to /);
  });

  it('output it cannot read is "unknown" with its first line, never a guess', () => {
    expect(summariseTrace('ovs-appctl: cannot connect to "/var/run/openvswitch/ovs-vswitchd.1.ctl"\n', 'trace', ports)).toMatchObject({ outcome: 'unknown', outputPorts: [] });
    expect(summariseTrace('', 'trace', new Map()).text).toBe('ofproto/trace printed no datapath actions: nothing');
  });
});
