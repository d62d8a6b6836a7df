// The page's side of "what changed": the two sides the engineer chose (a snapshot opened or saved
// before, a file by path, or the lab shown now) and the core's comparison of them. Kept while the
// engineer follows a change to its view and comes back to the list.
import type { ConsoleApi } from '../../../electron/contract/console-contract';
import type { CompareSide, LabComparison } from '../../../electron/contract/lab-diff';

/** What a side's picker holds: the lab shown now, one of the recent snapshots (its path), or a path typed. */
export type SideChoice = { kind: 'shown' } | { kind: 'recent'; path: string } | { kind: 'path' };

export type ComparisonStep =
  | { step: 'idle' }
  | { step: 'comparing' }
  | { step: 'done'; comparison: LabComparison }
  | { step: 'failed'; message: string };

export class ChangesState {
  before = $state<SideChoice>({ kind: 'path' });
  after = $state<SideChoice>({ kind: 'shown' });
  /** The paths typed for a side whose choice is "a file by path". */
  beforePath = $state('');
  afterPath = $state('');
  result = $state<ComparisonStep>({ step: 'idle' });
  /** The sides were set by the engineer (or the palette): the defaults no longer apply. */
  chosen = $state(false);

  private api: ConsoleApi | null = null;
  /** Only the latest comparison's answer is shown (an older one may come back later). */
  private asked = 0;

  attach(api: ConsoleApi): void {
    this.api = api;
  }

  /** Until the engineer chooses: the latest snapshot before, the lab shown now after (or a path when there is none). */
  suggest(latestSnapshot: string | null, labShown: boolean): void {
    if (this.chosen) return;
    this.before = latestSnapshot ? { kind: 'recent', path: latestSnapshot } : { kind: 'path' };
    this.after = labShown ? { kind: 'shown' } : { kind: 'path' };
  }

  /** Asks the core to compare the sides chosen; a refusal is shown in words, with the choices kept. */
  async compare(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const before = this.sideOf(this.before, this.beforePath);
    const after = this.sideOf(this.after, this.afterPath);
    const asked = ++this.asked;
    this.result = { step: 'comparing' };
    try {
      const comparison = await api.request('snapshots.diff', { before, after });
      if (asked === this.asked) this.result = { step: 'done', comparison };
    } catch (error) {
      if (asked === this.asked) this.result = { step: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private sideOf(choice: SideChoice, typed: string): CompareSide {
    if (choice.kind === 'shown') return { source: 'shown' };
    return { source: 'snapshot', path: choice.kind === 'recent' ? choice.path : typed };
  }
}
