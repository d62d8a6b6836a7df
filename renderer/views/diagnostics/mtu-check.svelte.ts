// The page's side of the path MTU check: the latest check as the core streams it (each probe as it
// starts and ends, the interfaces along the way, the verdict), started and stopped from the
// Diagnostics view or the palette. The check runs in the core; a reloaded page shows it again.
import type { ConsoleApi } from '../../../electron/contract/console-contract';
import type { PingSource } from '../../../electron/contract/diagnostics';
import type { MtuCheckProgress } from '../../../electron/contract/mtu-check';

export class MtuCheckState {
  /** The latest check, as far as it got. */
  check = $state<MtuCheckProgress | null>(null);
  /** Why the last start was refused (not connected, a snapshot, a bad target), for the form. */
  problem = $state<string | null>(null);
  /** A start is on its way to the core. */
  starting = $state(false);

  private api: ConsoleApi | null = null;
  /** Progress of a check this page has not heard of yet (the stream can overtake the start's answer). */
  private early = new Map<string, MtuCheckProgress>();

  get running(): boolean {
    return this.starting || this.check?.state === 'running';
  }

  attach(api: ConsoleApi): void {
    this.api = api;
    api.listen('diagnostics.mtuProgress', (progress) => {
      if (!this.check || this.check.checkId === progress.checkId) this.check = progress;
      else this.early.set(progress.checkId, progress);
    });
    void this.showLatest();
  }

  /** Shows the core's latest check in place of this one (the page loaded, or the lab shown changed). */
  async showLatest(): Promise<void> {
    this.check = null;
    this.problem = null;
    try {
      const latest = await this.requireApi().request('diagnostics.mtuLatest', null);
      this.check ??= latest;
    } catch {
      // A core without it (or gone meanwhile): nothing to show again.
    }
  }

  async start(source: PingSource, target: string): Promise<void> {
    if (this.check?.state === 'running') await this.stop();
    this.problem = null;
    this.starting = true;
    this.early.clear();
    try {
      const started = await this.requireApi().request('diagnostics.mtuCheck', { source, target });
      if (this.check?.checkId !== started.checkId) this.check = this.early.get(started.checkId) ?? started;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.early.clear();
      this.starting = false;
    }
  }

  async stop(): Promise<void> {
    if (!this.check) return;
    try {
      await this.requireApi().request('diagnostics.mtuStop', { checkId: this.check.checkId });
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console API is not attached yet');
    return this.api;
  }
}
