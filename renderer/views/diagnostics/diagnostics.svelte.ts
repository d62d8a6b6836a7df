// The page's side of ping diagnostics: the current single-source ping and the current matrix,
// filled live from the core's diagnostics.update stream. Runs live in the core; this only shows.
import type { ConsoleApi, RequestParams } from '../../../electron/contract/console-contract';
import type { PingRunStarted, PingRunUpdate } from '../../../electron/contract/diagnostics';
import { applyUpdate, runIsActive, runViewOf, runViewOfRecord, type RunView } from './ping-run-view';

/** Updates that reach the page before the answer naming their run; more than this is not ours. */
const MAX_EARLY_UPDATES = 2000;

export class DiagnosticsState {
  /** The latest ping from one source to its targets. */
  ping = $state<RunView | null>(null);
  /** The latest reachability matrix. */
  matrix = $state<RunView | null>(null);
  /** Why the last start was refused (not connected, a bad target), for the form. */
  problem = $state<string | null>(null);

  private api: ConsoleApi | null = null;
  /** The stream can overtake the request's answer: updates wait here until their run is known. */
  private early: PingRunUpdate[] = [];
  /** Updates held while the latest runs are asked for (null: not restoring). */
  private restoring: PingRunUpdate[] | null = null;

  get pingActive(): boolean {
    return runIsActive(this.ping);
  }

  get matrixActive(): boolean {
    return runIsActive(this.matrix);
  }

  attach(api: ConsoleApi): void {
    this.api = api;
    api.listen('diagnostics.update', (update) => {
      if (this.restoring) return void (this.restoring.length < MAX_EARLY_UPDATES && this.restoring.push(update));
      this.take(update);
    });
    void this.restore(api);
  }

  /**
   * Shows the latest ping and matrix again, as far as they got (the page reloaded; the runs went
   * on in the core). Updates that came before the answer are in it (the core answers in stream
   * order); those of other runs are taken as usual.
   */
  /** Counts restores: an answer to an older one is not shown. */
  private restoreGeneration = 0;

  private async restore(api: ConsoleApi): Promise<void> {
    // Two may overlap (the lab shown changes twice quickly): only the newest one's answer is shown,
    // each with its own buffer of updates that came meanwhile.
    const generation = ++this.restoreGeneration;
    const waiting: PingRunUpdate[] = [];
    this.restoring = waiting;
    let restored: string[] = [];
    try {
      const latest = await api.request('diagnostics.latest', null);
      if (generation !== this.restoreGeneration) return;
      if (latest.ping && !this.ping) this.ping = runViewOfRecord(latest.ping);
      if (latest.matrix && !this.matrix) this.matrix = runViewOfRecord(latest.matrix);
      restored = [latest.ping?.started.runId, latest.matrix?.started.runId].filter((id): id is string => id !== undefined);
    } catch {
      // A core without it (or gone meanwhile): nothing to show again.
    }
    if (generation !== this.restoreGeneration) return;
    this.restoring = null;
    for (const update of waiting) if (!restored.includes(update.runId)) this.take(update);
  }

  /** Shows the core's latest runs in place of these (a snapshot was opened or closed). */
  async showLatest(): Promise<void> {
    this.ping = null;
    this.matrix = null;
    this.problem = null;
    await this.restore(this.requireApi());
  }

  private take(update: PingRunUpdate): void {
    const run = [this.ping, this.matrix].find((candidate) => candidate?.runId === update.runId);
    if (run) applyUpdate(run, update);
    else if (this.early.length < MAX_EARLY_UPDATES) this.early.push(update);
  }

  async startPing(params: RequestParams<'diagnostics.ping'>): Promise<void> {
    if (this.ping && this.pingActive) await this.stop(this.ping);
    await this.start(() => this.requireApi().request('diagnostics.ping', params), (run) => (this.ping = run));
  }

  async startMatrix(params: RequestParams<'diagnostics.matrix'>): Promise<void> {
    if (this.matrix && this.matrixActive) await this.stop(this.matrix);
    await this.start(() => this.requireApi().request('diagnostics.matrix', params), (run) => (this.matrix = run));
  }

  async stop(run: RunView | null): Promise<void> {
    if (!run) return;
    try {
      await this.requireApi().request('diagnostics.stop', { runId: run.runId });
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  private async start(request: () => Promise<PingRunStarted>, keep: (run: RunView) => void): Promise<void> {
    this.problem = null;
    try {
      const started = await request();
      keep(runViewOf(started, new Date().toISOString()));
      const run = [this.ping, this.matrix].find((candidate) => candidate?.runId === started.runId);
      const mine = this.early.filter((update) => update.runId === started.runId);
      this.early = this.early.filter((update) => update.runId !== started.runId);
      if (run) for (const update of mine) applyUpdate(run, update);
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console API is not attached yet');
    return this.api;
  }
}
