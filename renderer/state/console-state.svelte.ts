// The renderer's live state, fed by the core's answers and streams. Components read it and call
// its actions; no component talks to the API directly.
import type { ConsoleApi } from '../../electron/contract/console-contract';
import { ConsoleRequestError } from '../../electron/contract/console-errors';
import type {
  AppAbout,
  ConnectionState,
  CoreNotice,
  PendingPrompt,
  PromptAnswer,
  SavedLab,
  SavedLabDraft,
  Settings,
  SettingsPatch,
  SshConfigHostList,
} from '../../electron/contract/payloads';
import type { CarrierState } from '../api/websocket-bridge';
import { RUNNING, type CoreStatus } from '../../electron/contract/core-process';
import { RecordingsState } from '../recordings/recordings.svelte';
import type { LabInventory, ProbeOutcome } from '../../electron/contract/inventory';
import type { ViewId } from '../views/view-catalog';
import type { ViewFocus } from './view-focus';
import { RefreshTracker, type RefreshProgress } from './refresh-progress';
import { TerminalsState } from '../terminals/terminals.svelte';
import { DiagnosticsState } from '../views/diagnostics/diagnostics.svelte';
import { PathAnalysisState } from '../views/diagnostics/path/path-analysis.svelte';
import { MtuCheckState } from '../views/diagnostics/mtu-check.svelte';
import { openSnapshotOf, whyNotLive } from './live-lab';
import { SnapshotsState } from '../snapshots/snapshots.svelte';
import { OpenStackActionsState } from '../views/openstack/openstack-actions.svelte';
import { ChangesState } from '../views/changes/changes.svelte';
import { SupportBundleState } from '../support/support-bundle.svelte';
import type { SnapshotFileSource } from '../snapshots/send-snapshot-file';
import { afterNextPaint } from '../views/after-next-paint';
import { preloadViews } from '../views/view-loaders';

/** Vite's build sets import.meta.env.PROD; tests run the sources, where it is false. */
const BUILT_PAGE = (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env?.PROD === true;
/** In the page's performance timeline when the whole inventory came (test/bench/first-view.mjs). */
export const WHOLE_INVENTORY_MARK = 'obx:inventory-whole';
/** Errors stay until dismissed; anything else fades after this long. */
const NOTICE_FADE_MS = 8000;
/** A burst of failures shows the newest few, not a wall of toasts. */
const MAX_VISIBLE_NOTICES = 5;

export interface ShownNotice extends CoreNotice {
  id: number;
}

export class ConsoleState {
  about = $state<AppAbout | null>(null);
  labs = $state<SavedLab[]>([]);
  settings = $state<Settings | null>(null);
  connection = $state<ConnectionState | null>(null);
  carrier = $state<{ state: CarrierState; detail: string }>({ state: 'connecting', detail: '' });
  notices = $state<ShownNotice[]>([]);
  /** Whether the core runs: in the desktop app its process may stop, taking its terminals with it. */
  core = $state<CoreStatus>(RUNNING);
  /** A restart of the core was asked and has not answered yet. */
  restartingCore = $state(false);
  /** Questions from the core waiting for the engineer (host keys, passphrases), oldest first. */
  prompts = $state<PendingPrompt[]>([]);
  /** The connected lab's inventory; probe outcomes merge in as they stream. */
  // Raw: always replaced whole, never mutated; a deep proxy made every read of 5,000 containers slow.
  inventory = $state.raw<LabInventory | null>(null);
  /** The first view's part of the inventory, shown until the whole comes (see `inventory.firstView`). */
  private inventoryFirstView = $state.raw<LabInventory | null>(null);
  /** What Overview draws: the whole inventory, or before it comes, its first view's part. */
  overviewInventory = $derived(this.inventory ?? this.inventoryFirstView);
  view = $state<ViewId>('overview');
  /** How far the running refresh has got (null when none runs), for the status bar. */
  refreshProgress = $state<RefreshProgress | null>(null);
  private readonly refreshTracker = new RefreshTracker();
  /** What the current view was asked to show (a profile, a container's plumbing, ping targets). */
  focus = $state<ViewFocus | null>(null);
  /** The connect/manage-labs screen is open (always, when no lab is saved). */
  managingLabs = $state(false);
  loaded = $state(false);

  /** Terminals live in the core; this is the page's view of them. */
  readonly terminals = new TerminalsState();
  readonly recordings = new RecordingsState();
  /** Ping runs and the reachability matrix, filled live from the core. */
  readonly diagnostics = new DiagnosticsState();
  /** The latest path analysis ("why can't X reach Y") and its test run, streamed from the core. */
  readonly pathAnalysis = new PathAnalysisState();
  /** The latest path MTU check, streamed probe by probe from the core. */
  readonly mtuCheck = new MtuCheckState();
  /** Saving the lab as a snapshot, and the snapshots opened or saved before. */
  readonly snapshots = new SnapshotsState();
  /** The demo's OpenStack steps (networks, instances, floating IP, deleting what the console created). */
  readonly openstackActions = new OpenStackActionsState();
  /** Exporting the lab shown for support (secrets masked, obfuscated if asked). */
  readonly supportBundles = new SupportBundleState();
  /** What changed between a snapshot and the lab shown, or two snapshots (the Changes view). */
  readonly changes = new ChangesState();

  currentLab = $derived(this.labs.find((lab) => lab.id === this.connection?.labId) ?? null);
  /** The snapshot shown instead of a live lab (read-only), or null. */
  openSnapshot = $derived(openSnapshotOf(this.connection));
  /** Why Refresh, terminals and pings are unavailable now (for their disabled buttons' titles); null on a live lab. */
  notLiveReason = $derived(whyNotLive(this.connection));

  private nextNoticeId = 1;
  /** A view was chosen before the first answers came. */
  private chosenBeforeLoad = false;
  private api: ConsoleApi | null = null;
  /** The snapshot (or live lab) whose ping runs Diagnostics shows. */
  private diagnosticsFor: string | null | undefined = undefined;

  /** Open a view; with a focus, showing that one thing (from another view or the palette). */
  show(view: ViewId, focus: ViewFocus | null = null): void {
    this.view = view;
    this.focus = focus;
    this.managingLabs = false;
    if (!this.loaded) this.chosenBeforeLoad = true;
  }

  async attach(api: ConsoleApi): Promise<void> {
    this.recordings.attach(api);
    this.diagnostics.attach(api);
    this.pathAnalysis.attach(api);
    this.mtuCheck.attach(api);
    this.snapshots.attach(api);
    this.openstackActions.attach(api);
    this.supportBundles.attach(api);
    this.changes.attach(api);
    this.api = api;
    api.listen('labs.changed', (labs) => (this.labs = labs));
    api.listen('settings.changed', (settings) => (this.settings = settings));
    api.listen('connection.changed', (connection) => this.takeConnection(connection));
    api.listen('core.notice', (notice) => this.notify(notice));
    api.listen('core.status', (status) => this.takeCoreStatus(status));
    api.listen('prompt.opened', (prompt) => {
      if (!this.prompts.some((open) => open.promptId === prompt.promptId)) this.prompts = [...this.prompts, prompt];
    });
    api.listen('inventory.changed', (inventory) => {
      // A snapshot just opened sends Overview's part first: the whole is asked for once it is painted.
      if (inventory.part === 'first-view') {
        void this.takeFirstView(inventory);
        return;
      }
      // The shape comes whole; probes streamed during a refresh are kept until it lists its own.
      // Until then the core's probes are the last refresh's: older than any streamed since, so
      // they only fill in what this page does not have (a streamed reading must not flick back).
      const streamed = this.inventory?.labId === inventory.labId ? this.inventory.probes : [];
      this.inventory = { ...inventory, probes: inventory.refreshing || inventory.probes.length === 0 ? mergeProbes(inventory.probes, streamed) : inventory.probes };
      this.refreshTracker.inventoryChanged(inventory);
      this.refreshProgress = this.refreshTracker.current;
    });
    api.listen('inventory.probe', (outcome) => {
      if (this.inventory) this.inventory = { ...this.inventory, probes: mergeProbes(this.inventory.probes, [outcome]) };
      this.refreshTracker.probeRead();
      this.refreshProgress = this.refreshTracker.current;
    });
    api.listen('prompt.closed', ({ promptId }) => (this.prompts = this.prompts.filter((open) => open.promptId !== promptId)));
    // The core's status, the first answers and the terminals are asked for at once (issue 11: a
    // first load waited for the status, then for the inventory, then listed the terminals).
    await Promise.all([
      // A page (re)loaded after the core's process stopped shows why, with the way to restart it.
      api.request('core.status', null).then((core) => {
        if (core?.state) this.core = core;
      }, () => {}),
      this.reload(),
      this.terminals.attach(api, {
        notify: (notice) => this.notify(notice),
        showTerminals: () => {
          this.show('terminals');
        },
      }),
    ]);
    // The first view is painted and the inventory is in: the other views' code and xterm's load
    // in the background, one after the other (issue 11: none of it was needed to paint Overview).
    // In the built page only: under test every view would be compiled for each page-state test.
    if (!BUILT_PAGE) return;
    void afterNextPaint()
      .then(() => preloadViews())
      .then(() => this.terminals.preloadScreens());
  }

  /** Everything the page shows, fetched afresh (at start and after the core comes back). */
  async reload(): Promise<void> {
    const api = this.requireApi();
    await this.guard(async () => {
      const [about, labs, settings, connection, notices, prompts, firstView] = await Promise.all([
        api.request('app.about', null),
        api.request('labs.list', null),
        api.request('settings.get', null),
        api.request('connection.get', null),
        api.request('notices.pending', null),
        api.request('prompts.pending', null),
        api.request('inventory.firstView', null),
      ]);
      this.inventoryFirstView = firstView;
      this.prompts = prompts;
      this.about = about;
      this.labs = labs;
      this.settings = settings;
      // A reply older than what was streamed meanwhile (the engineer connected while the page
      // loaded) is not shown; a core started again since is (isOlder compares within one run).
      this.takeConnection(connection);
      if (!this.loaded) for (const notice of notices) this.notify(notice);
      this.loaded = true;
      // With no lab saved the page opens on "connect a lab", unless the engineer already chose a
      // view (Alt+8 pressed while the page loaded): that choice stands. A snapshot opened at start
      // (web --snapshot, the demo) is shown instead.
      if (labs.length === 0 && !this.chosenBeforeLoad && !connection?.snapshot) this.managingLabs = true;
      await this.takeWhole(firstView);
    });
  }

  /** Overview's part of a lab's inventory, shown at once; the whole follows once it is painted. */
  private async takeFirstView(part: LabInventory): Promise<void> {
    if (this.connection && part.labId !== this.connection.labId) return;
    this.inventoryFirstView = part;
    if (this.inventory?.labId !== part.labId) this.inventory = null;
    await this.guard(() => this.takeWhole(part));
  }

  /**
   * The whole inventory, asked for once Overview is painted from its part (`firstView`, when there
   * is one): received and parsed first, 13 MB of a 5,000-container lab held the page for two
   * seconds (issue 11).
   */
  private async takeWhole(firstView: LabInventory | null): Promise<void> {
    if (firstView) await afterNextPaint();
    const whole = await this.requireApi().request('inventory.get', null);
    // Answered for a lab no longer shown (another was opened meanwhile): not this page's to show.
    if (whole && this.connection && whole.labId !== this.connection.labId) return;
    // A newer part came meanwhile (another snapshot opened): its own request brings its whole.
    if (firstView && this.inventoryFirstView && this.inventoryFirstView !== firstView) return;
    this.inventory = whole && firstView ? sameReadings(whole, firstView) : whole;
    this.inventoryFirstView = null;
    // When every view has the whole: benchmarks print it beside the first view's paint.
    globalThis.performance?.mark?.(WHOLE_INVENTORY_MARK);
  }

  /** The core's process stopped, or runs again: back from a stop, everything is fetched afresh. */
  takeCoreStatus(status: CoreStatus): void {
    const cameBack = this.core.state === 'stopped' && status.state === 'running';
    this.core = status;
    if (cameBack) void this.reload().then(() => this.terminals.resync());
  }

  /** Starts the core's process again (desktop app, after it stopped). */
  async restartCore(): Promise<void> {
    if (this.restartingCore) return;
    this.restartingCore = true;
    try {
      const status = await this.guard(() => this.requireApi().request('core.restart', null));
      if (status) this.takeCoreStatus(status);
    } finally {
      this.restartingCore = false;
    }
  }

  setCarrier(state: CarrierState, detail = ''): void {
    const cameBack = this.carrier.state === 'lost' && state === 'open';
    this.carrier = { state, detail };
    if (cameBack) void this.reload().then(() => this.terminals.resync());
  }

  /** Saves and selects a lab. A refusal comes back as a message for the form, not a toast. */
  async saveLab(draft: SavedLabDraft): Promise<{ ok: true; lab: SavedLab } | { ok: false; message: string }> {
    try {
      const lab = await this.requireApi().request('labs.save', draft);
      await this.selectLab(lab.id);
      this.managingLabs = false;
      this.notify({ level: 'info', code: 'lab-saved', message: `Saved "${lab.name}".`, at: new Date().toISOString() });
      return { ok: true, lab };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  async removeLab(labId: string): Promise<void> {
    await this.guard(() => this.requireApi().request('labs.remove', { labId }));
  }

  async selectLab(labId: string | null): Promise<void> {
    await this.guard(async () => {
      this.takeConnection(await this.requireApi().request('labs.select', { labId }));
    });
  }

  async connect(labId: string): Promise<void> {
    await this.guard(async () => {
      this.takeConnection(await this.requireApi().request('lab.connect', { labId }));
    });
  }

  async disconnect(): Promise<void> {
    await this.guard(async () => {
      this.takeConnection(await this.requireApi().request('lab.disconnect', null));
    });
  }

  /** Opens a snapshot file in place of the lab shown; a refusal comes back as a message for the form. */
  async openSnapshotFile(path: string): Promise<string | null> {
    const outcome = await this.snapshots.open(path);
    if (!outcome.ok) return outcome.message;
    this.takeConnection(outcome.connection);
    this.managingLabs = false;
    return null;
  }

  /** Opens a snapshot file chosen or dropped in the page; a refusal comes back as a message. */
  async openSnapshotFromComputer(file: SnapshotFileSource): Promise<string | null> {
    const outcome = await this.snapshots.send(file);
    if (!outcome.ok) return outcome.message;
    this.takeConnection(outcome.connection);
    this.managingLabs = false;
    return null;
  }

  async refreshInventory(): Promise<void> {
    await this.guard(async () => {
      this.inventory = await this.requireApi().request('inventory.refresh', null);
    });
  }

  async setRoute(machineId: string, route: 'auto' | 'jump' | 'juju-ssh'): Promise<void> {
    const labId = this.connection?.labId;
    if (!labId) return;
    await this.guard(async () => {
      const inventory = await this.requireApi().request('inventory.setRoute', { labId, machineId, route });
      if (inventory) this.inventory = inventory;
      this.labs = await this.requireApi().request('labs.list', null);
    });
  }

  /** Periodic refresh pauses while the console is not on screen. */
  async setVisible(visible: boolean): Promise<void> {
    await this.guard(() => this.requireApi().request('inventory.setVisible', { visible }));
  }

  async answerPrompt(promptId: string, answer: PromptAnswer | null): Promise<void> {
    this.prompts = this.prompts.filter((open) => open.promptId !== promptId);
    await this.guard(() => this.requireApi().request('prompts.answer', { promptId, answer }));
  }

  async updateSettings(patch: SettingsPatch): Promise<void> {
    await this.guard(async () => {
      this.settings = await this.requireApi().request('settings.update', patch);
    });
  }

  async sshConfigHosts(): Promise<SshConfigHostList | null> {
    return this.guard(() => this.requireApi().request('sshConfig.hosts', null));
  }

  notify(notice: CoreNotice): void {
    const shown: ShownNotice = { ...notice, id: this.nextNoticeId++ };
    this.notices = [...this.notices, shown].slice(-MAX_VISIBLE_NOTICES);
    if (notice.level !== 'error') setTimeout(() => this.dismiss(shown.id), NOTICE_FADE_MS);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
  }

  /** Runs a request; a failure becomes a notice (never an unhandled rejection) and yields null. */
  private async guard<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      const code = error instanceof ConsoleRequestError ? error.code : 'internal';
      const message = error instanceof Error ? error.message : String(error);
      this.notify({ level: 'error', code, message, at: new Date().toISOString() });
      return null;
    }
  }

  /**
   * A snapshot opened or closed: Diagnostics shows the ping runs it recorded, or the live ones
   * again (each opening has its own id, so a second snapshot replaces the first's runs).
   */
  private takeConnection(connection: ConnectionState): void {
    // An older state (a reply overtaken by a streamed change) is not shown over a newer one.
    if (isOlder(connection, this.connection)) return;
    this.connection = connection;
    // Another lab (or a snapshot left for a lab) is shown: what was read of the one before is not it.
    if (this.inventory && connection && this.inventory.labId !== connection.labId) this.inventory = null;
    if (this.inventoryFirstView && connection && this.inventoryFirstView.labId !== connection.labId) this.inventoryFirstView = null;
    const shown = connection?.snapshot ? connection.labId : null;
    if (this.diagnosticsFor !== undefined && shown !== this.diagnosticsFor) {
      void this.diagnostics.showLatest();
      void this.pathAnalysis.showLatest();
      void this.mtuCheck.showLatest();
      void this.recordings.labShownChanged();
    }
    this.diagnosticsFor = shown;
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console API is not attached yet');
    return this.api;
  }
}

/** Older: counted earlier by the same run of the core (a core started again counts from 0). */
function isOlder(incoming: ConnectionState | null, shown: ConnectionState | null): boolean {
  return incoming?.revision !== undefined && shown?.revision !== undefined && incoming.coreRun === shown.coreRun && incoming.revision < shown.revision;
}

/**
 * The whole inventory, keeping the first view's outcome objects where they are the same reading
 * (same machine, probe and start): Overview, drawn from those, then has nothing to draw again.
 */
function sameReadings(whole: LabInventory, part: LabInventory): LabInventory {
  const key = (outcome: ProbeOutcome) => `${outcome.machineId}|${outcome.probeId}|${outcome.startedAt}|${outcome.status}`;
  const shown = new Map(part.probes.map((outcome) => [key(outcome), outcome]));
  if (shown.size === 0) return whole;
  return { ...whole, probes: whole.probes.map((outcome) => shown.get(key(outcome)) ?? outcome) };
}

/** Newer outcomes replace older ones of the same machine and probe. */
function mergeProbes(existing: ProbeOutcome[], incoming: ProbeOutcome[]): ProbeOutcome[] {
  const byKey = new Map(existing.map((outcome) => [`${outcome.machineId}|${outcome.probeId}`, outcome]));
  for (const outcome of incoming) byKey.set(`${outcome.machineId}|${outcome.probeId}`, outcome);
  return [...byKey.values()];
}
