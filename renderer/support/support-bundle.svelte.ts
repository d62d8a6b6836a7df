// The page's side of "Export for support": the dialog's steps (choose the path and whether to
// obfuscate, the export's progress, what was written), and the calls to the core.
import type { ConsoleApi } from '../../electron/contract/console-contract';
import type { SupportBundleExported, SupportBundleProgress } from '../../electron/contract/support-bundle';

export type ExportForSupportStep =
  | { step: 'closed' }
  | { step: 'choosing'; path: string; obfuscate: boolean; problem: string | null }
  | { step: 'exporting'; path: string; obfuscate: boolean; progress: SupportBundleProgress | null }
  | { step: 'exported'; exported: SupportBundleExported };

/** Obfuscation is on unless the engineer turns it off: a bundle leaves the building. */
const OBFUSCATE_BY_DEFAULT = true;

export class SupportBundleState {
  dialog = $state<ExportForSupportStep>({ step: 'closed' });

  private api: ConsoleApi | null = null;

  attach(api: ConsoleApi): void {
    this.api = api;
    api.listen('supportBundle.progress', (progress) => {
      if (this.dialog.step === 'exporting' && this.dialog.path === progress.path) this.dialog = { ...this.dialog, progress };
    });
  }

  /** Opens the dialog with the core's suggested path (the engineer may change it). */
  async start(): Promise<void> {
    if (this.dialog.step === 'exporting') return;
    this.dialog = { step: 'choosing', path: '', obfuscate: OBFUSCATE_BY_DEFAULT, problem: null };
    try {
      const path = await this.requireApi().request('supportBundles.suggestPath', null);
      if (this.dialog.step === 'choosing' && this.dialog.path === '') this.dialog = { ...this.dialog, path };
    } catch (error) {
      if (this.dialog.step === 'choosing') this.dialog = { ...this.dialog, problem: messageOf(error) };
    }
  }

  /** Exports to the path chosen; a refusal stays in the dialog, with the path and the choice, to correct. */
  async exportTo(path: string, obfuscate: boolean): Promise<void> {
    this.dialog = { step: 'exporting', path: path.trim(), obfuscate, progress: null };
    try {
      const exported = await this.requireApi().request('supportBundles.export', { path, obfuscate });
      this.dialog = { step: 'exported', exported };
    } catch (error) {
      this.dialog = { step: 'choosing', path, obfuscate, problem: messageOf(error) };
    }
  }

  /** Closing while it exports only hides the dialog: the export goes on in the core. */
  close(): void {
    this.dialog = { step: 'closed' };
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console API is not attached yet');
    return this.api;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
