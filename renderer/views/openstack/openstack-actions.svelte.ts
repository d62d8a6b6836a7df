// The page's side of the demo's steps (issue 14 §4): a dialog that goes from the engineer's
// choices, to the exact commands the core worked out (confirm or go back), to the run's progress
// streamed step by step. The core runs everything and refreshes the inventory when a run ends.
import type { ConsoleApi } from '../../../electron/contract/console-contract';
import type { OpenStackActionChoice, OpenStackActionKind, OpenStackActionPlan, OpenStackActionProgress } from '../../../electron/contract/openstack-actions';

export type OpenStackActionDialog =
  | { step: 'closed' }
  | { step: 'choosing'; action: OpenStackActionKind; problem: string | null; busy: boolean }
  | { step: 'confirming'; plan: OpenStackActionPlan; problem: string | null; busy: boolean }
  | { step: 'running'; plan: OpenStackActionPlan; progress: OpenStackActionProgress | null };

export class OpenStackActionsState {
  dialog = $state<OpenStackActionDialog>({ step: 'closed' });
  /** The last run's progress, in the core or this page (shown under the demo steps once the dialog is closed). */
  latest = $state<OpenStackActionProgress | null>(null);

  private api: ConsoleApi | null = null;

  attach(api: ConsoleApi): void {
    this.api = api;
    api.listen('openstack.progress', (progress) => {
      this.latest = progress;
      const dialog = this.dialog;
      if (dialog.step === 'running' && dialog.plan.planId === progress.planId) this.dialog = { ...dialog, progress };
    });
    void Promise.resolve()
      .then(() => api.request('openstack.latest', null))
      .then((latest) => (this.latest ??= latest))
      .catch(() => {});
  }

  /** Opens the choices of one action (deleting has none: its plan, the list of what goes, comes at once). */
  open(action: OpenStackActionKind): void {
    if (this.dialog.step === 'running' && this.dialog.progress?.state === 'running') return;
    this.dialog = { step: 'choosing', action, problem: null, busy: false };
    if (action === 'delete-created') void this.plan({ action });
  }

  /** Asks the core for the exact commands; a refusal stays in the form, in words, to be corrected. */
  async plan(choice: OpenStackActionChoice): Promise<void> {
    const dialog = this.dialog;
    if (dialog.step !== 'choosing') return;
    this.dialog = { ...dialog, busy: true, problem: null };
    try {
      const plan = await this.requireApi().request('openstack.plan', choice);
      if (this.dialog.step === 'choosing') this.dialog = { step: 'confirming', plan, problem: null, busy: false };
    } catch (error) {
      if (this.dialog.step === 'choosing') this.dialog = { ...this.dialog, busy: false, problem: messageOf(error) };
    }
  }

  /** Runs the plan shown; its steps then fill in as the core streams them. */
  async confirm(): Promise<void> {
    const dialog = this.dialog;
    if (dialog.step !== 'confirming') return;
    this.dialog = { ...dialog, busy: true, problem: null };
    try {
      await this.requireApi().request('openstack.run', { planId: dialog.plan.planId });
      if (this.dialog.step === 'confirming') {
        const streamed = this.latest?.planId === dialog.plan.planId ? this.latest : null;
        this.dialog = { step: 'running', plan: dialog.plan, progress: streamed };
      }
    } catch (error) {
      if (this.dialog.step === 'confirming') this.dialog = { ...this.dialog, busy: false, problem: messageOf(error) };
    }
  }

  back(): void {
    if (this.dialog.step === 'confirming') this.dialog = { step: 'choosing', action: this.dialog.plan.action, problem: null, busy: false };
  }

  /** Closes the dialog; a run goes on in the core, and shows under the demo steps. */
  close(): void {
    this.dialog = { step: 'closed' };
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console core is not attached yet; reload the page');
    return this.api;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
