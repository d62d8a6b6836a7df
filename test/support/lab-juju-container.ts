// Stopping and starting one of the real lab's Juju containers with `lxc`, in its machine's LXD
// project, and reading back what LXD itself says of it (not through the console). Stopping it is
// what "the container went down" looks like to Juju too: its unit's agent is then lost.
import { execFile } from 'node:child_process';
import { expect } from 'vitest';
import type { LabJujuContainer } from '../lab/lab-manifest';

/** `lxc stop --force` / `lxc start` of a busybox container, and its static address coming up. */
export const LXC_MS = 30_000;

export interface LxdSays {
  state: string;
  ipv4: string[];
}

export class LabJujuContainerControl {
  /** True while this control has the container stopped: `restore()` starts it again. */
  stopped = false;

  constructor(readonly container: LabJujuContainer) {}

  private lxc(...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('lxc', [...args, '--project', this.container.lxdProject], { timeout: LXC_MS }, (error, stdout, stderr) =>
        error ? reject(new Error(`lxc ${args.join(' ')}: ${stderr.trim() || error.message}`)) : resolve(stdout),
      );
    });
  }

  /** The container's state and IPv4 addresses (other than loopback) as LXD says them. */
  async lxdSays(): Promise<LxdSays> {
    const [instance] = JSON.parse(await this.lxc('list', `^${this.container.name}$`, '--format', 'json')) as {
      status: string;
      state: { network?: Record<string, { addresses: { family: string; address: string }[] }> } | null;
    }[];
    const networks = Object.entries(instance?.state?.network ?? {}).filter(([name]) => name !== 'lo');
    return { state: instance?.status ?? 'missing', ipv4: networks.flatMap(([, network]) => network.addresses.filter((address) => address.family === 'inet').map((address) => address.address)) };
  }

  /** Running with its static address: the lab as it is meant to be (checked before breaking it). */
  async expectRunning(): Promise<void> {
    await expect.poll(() => this.lxdSays(), { timeout: LXC_MS, message: `${this.container.name} running with ${this.container.address}` }).toEqual({ state: 'Running', ipv4: [this.container.address] });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.lxc('stop', '--force', this.container.name);
    await expect.poll(() => this.lxdSays(), { timeout: LXC_MS, message: `${this.container.name} stopped` }).toEqual({ state: 'Stopped', ipv4: [] });
  }

  /** Starts it again (if this control stopped it) and waits for its address: for finally/afterAll. */
  async restore(): Promise<void> {
    if (!this.stopped) return;
    if ((await this.lxdSays()).state !== 'Running') await this.lxc('start', this.container.name);
    await this.expectRunning();
    this.stopped = false;
  }
}
