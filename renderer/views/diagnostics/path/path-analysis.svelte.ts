// The page's side of the path analysis: the latest analysis (worked out in the core from the
// inventory shown, live or a snapshot) and the latest test run (counters, trace, ping) as the core
// streams it. Analyses are cheap and pure; a test runs in the core and a reloaded page shows it again.
import type { ConsoleApi } from '../../../../electron/contract/console-contract';
import type { PingSource } from '../../../../electron/contract/diagnostics';
import type { PathAnalysis, PathTarget, PathTestProgress } from '../../../../electron/contract/troubleshoot';

export class PathAnalysisState {
  analysis = $state.raw<PathAnalysis | null>(null);
  test = $state.raw<PathTestProgress | null>(null);
  /** Why the last request was refused, for the card. */
  problem = $state<string | null>(null);
  analysing = $state(false);
  starting = $state(false);

  private api: ConsoleApi | null = null;
  /** Progress of a run whose start has not answered yet (the stream can overtake the answer). */
  private early = new Map<string, PathTestProgress>();

  get testing(): boolean {
    return this.starting || (this.test !== null && !['done', 'failed'].includes(this.test.stage));
  }

  attach(api: ConsoleApi): void {
    this.api = api;
    api.listen('troubleshoot.progress', (progress) => {
      if (this.test?.runId === progress.runId || (!this.starting && !this.test)) this.take(progress);
      else this.early.set(progress.runId, progress);
    });
    void this.showLatest();
  }

  /** The core's latest test in place of this one (the page loaded, or the lab shown changed). */
  async showLatest(): Promise<void> {
    this.test = null;
    this.analysis = null;
    this.problem = null;
    try {
      const latest = await this.requireApi().request('troubleshoot.latest', null);
      if (latest && !this.test) this.take(latest);
    } catch {
      // A core without it (or gone meanwhile): nothing to show again.
    }
  }

  async analyse(source: PingSource, target: PathTarget): Promise<void> {
    this.problem = null;
    this.analysing = true;
    try {
      this.analysis = await this.requireApi().request('troubleshoot.analyse', { source, target });
      if (this.test && !this.testing) this.test = null;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.analysing = false;
    }
  }

  async runTest(source: PingSource, target: PathTarget, count?: number): Promise<void> {
    this.problem = null;
    this.starting = true;
    this.early.clear();
    try {
      const started = await this.requireApi().request('troubleshoot.test', { source, target, ...(count ? { count } : {}) });
      this.analysis = started.analysis;
      const early = this.early.get(started.runId);
      this.test = early ?? { runId: started.runId, stage: 'starting', analysis: started.analysis, counters: [], ping: null, trace: null, stoppedAt: null, error: null };
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.early.clear();
      this.starting = false;
    }
  }

  async stop(): Promise<void> {
    if (!this.test) return;
    try {
      await this.requireApi().request('troubleshoot.stop', { runId: this.test.runId });
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  private take(progress: PathTestProgress): void {
    this.test = progress;
    this.analysis = progress.analysis;
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console API is not attached yet');
    return this.api;
  }
}
