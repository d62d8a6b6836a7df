// The page's view of the core's terminals: which exist and in what state, how they are laid out
// in tabs and splits, and each one's screen. Every terminal request goes through here; the
// sessions themselves live in the core, so a reload lists them and attaches to each again.
import type { ConsoleApi } from '../../electron/contract/console-contract';
import { defaultSettings, type CoreNotice, type Settings } from '../../electron/contract/payloads';
import { ConsoleRequestError } from '../../electron/contract/console-errors';
import type { TerminalInfo, TerminalTarget } from '../../electron/contract/terminals';
import type { ResolvedTheme } from '../shell/theme.svelte';
import {
  activeTab,
  addTab,
  emptyLayout,
  focusTerminal,
  focusedTerminal,
  moveToNewTab,
  parseLayout,
  reconcile,
  removeTerminal,
  selectTab,
  splitTab,
  type SplitDirection,
  type TerminalLayout,
} from './terminal-layout';
// Types only: xterm and its addons (half the page's code) load with the first terminal's screen,
// not with the page (issue 11: the Overview must not wait for them).
import type { ScreenLook, TerminalScreen } from './terminal-screen';

type ScreenModule = typeof import('./terminal-screen');

export interface TerminalsHost {
  notify(notice: CoreNotice): void;
  /** Bring the Terminals view forward (a terminal was opened from elsewhere). */
  showTerminals(): void;
}

/** The layout is the page's; it is kept across reloads of this page (not across machines). */
const LAYOUT_STORAGE_KEY = 'obx.terminals.layout';
const ZOOM_STORAGE_KEY = 'obx.terminals.zoom';
/** Font sizes in px: the normal base, the base in presentation mode, and how far zoom may go. */
export const TERMINAL_FONT_SIZE = 14;
export const PRESENTATION_FONT_SIZE = 20;
const MIN_FONT_SIZE = 8;
const MAX_FONT_SIZE = 36;
/** Until a pane has been measured, a terminal opens at this size; the first fit corrects it. */
const FALLBACK_SIZE = { cols: 120, rows: 32 };

export class TerminalsState {
  infos = $state<TerminalInfo[]>([]);
  layout = $state<TerminalLayout>(emptyLayout);
  /** xterm's size of each terminal (what `stty size` will say once the pty follows). */
  sizes = $state<Record<string, { cols: number; rows: number }>>({});
  zoomSteps = $state(0);
  theme = $state<ResolvedTheme>('dark');
  presentation = $state(false);
  scrollback = $state(defaultSettings.terminalScrollbackLines);
  /** Where a recording goes unless the engineer types another path (Settings). */
  recordingsFolder = $state(defaultSettings.recordingsDirectory);
  /** The terminal whose search bar is open. */
  searchingIn = $state<string | null>(null);
  /** Requests to open a terminal still on their way. */
  opening = $state(0);
  /** The terminal that should take the keyboard once its pane is shown. */
  focusRequest = $state<string | null>(null);
  /** The terminals have been listed and attached after the page loaded. */
  restored = $state(false);

  broadcastIds = $derived(this.infos.filter((info) => info.inBroadcast).map((info) => info.id));
  fontSize = $derived(Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, (this.presentation ? PRESENTATION_FONT_SIZE : TERMINAL_FONT_SIZE) + this.zoomSteps)));
  focusedId = $derived(focusedTerminal(this.layout));

  private api: ConsoleApi | null = null;
  private host: TerminalsHost | null = null;
  private readonly screens = new Map<string, TerminalScreen>();
  private lastFit = FALLBACK_SIZE;
  /** xterm's code, once loaded; until then the streams' events wait in `waitingForScreens`, in order. */
  private screenModule: ScreenModule | null = null;
  private screensLoading: Promise<ScreenModule> | null = null;
  private readonly waitingForScreens: Array<() => void> = [];

  info(id: string): TerminalInfo | null {
    return this.infos.find((info) => info.id === id) ?? null;
  }

  screen(id: string): TerminalScreen | null {
    return this.screens.get(id) ?? null;
  }

  async attach(api: ConsoleApi, host: TerminalsHost): Promise<void> {
    this.api = api;
    this.host = host;
    this.zoomSteps = Number(readStorage(ZOOM_STORAGE_KEY) ?? 0) || 0;
    api.listen('terminal.data', ({ id, data, chars }) => this.withScreens(() => this.sighted(id).receive(data, chars)));
    api.listen('terminal.info', (info) => this.withScreens(() => {
      const known = this.screens.has(info.id);
      this.upsert(info);
      if (known) return;
      // Seen from its first state: every byte of it will come through the stream.
      // Before the first listing, restore() attaches it with the others.
      if (this.restored && info.state === 'starting') this.sighted(info.id, { live: true });
      else if (this.restored) {
        this.sighted(info.id);
        void this.attachScreen(info.id);
      } else this.sighted(info.id);
      // Opened elsewhere (another window): it gets a tab; ours are placed by open().
      if (this.opening === 0) this.setLayout(reconcile(this.layout, this.infos.map((known) => known.id)));
    }));
    api.listen('terminal.closed', ({ id }) => this.withScreens(() => this.forget(id)));
    window.addEventListener('pagehide', () => {
      for (const screen of this.screens.values()) screen.flushAcks();
    });
    await this.restore();
  }

  /** Lists the core's terminals and shows each one's screen as it is now. */
  async restore(): Promise<void> {
    const listed = await this.guard(() => this.requireApi().request('terminals.list', null));
    if (!listed) return;
    // xterm's code loads when there is a terminal to show: a page with none (most first loads)
    // does not parse it while it draws its first view.
    if (listed.length > 0 && !(await this.guard(() => this.loadScreens()))) return;
    const ids = new Set(listed.map((info) => info.id));
    for (const id of [...this.screens.keys()]) if (!ids.has(id)) this.forget(id);
    for (const info of listed) this.upsert(info);
    for (const info of listed) this.sighted(info.id);
    await Promise.all(listed.map((info) => this.attachScreen(info.id)));
    this.restored = true;
    // Heard of while the listing was on its way: attached now.
    for (const [id, screen] of this.screens) if (screen.waitingForSnapshot && !ids.has(id)) void this.attachScreen(id);
    const kept = this.layout.tabs.length > 0 ? this.layout : (parseLayout(readStorage(LAYOUT_STORAGE_KEY)) ?? emptyLayout);
    this.setLayout(reconcile(kept, this.infos.map((info) => info.id)));
  }

  /** Opens a terminal; it gets a tab of its own, or joins the current tab as a split. */
  async open(target: TerminalTarget, placement: 'tab' | SplitDirection = 'tab'): Promise<void> {
    this.host?.showTerminals();
    const tab = activeTab(this.layout);
    this.opening += 1;
    try {
      const [info] = await Promise.all([this.guard(() => this.requireApi().request('terminals.open', { target, ...this.lastFit })), this.guard(() => this.loadScreens())]);
      if (!info || !this.screenModule) return;
      this.upsert(info);
      if (!this.screens.has(info.id)) {
        this.sighted(info.id);
        void this.attachScreen(info.id);
      }
      this.setLayout(placement !== 'tab' && tab ? splitTab(this.layout, tab.key, info.id, placement) : addTab(this.layout, info.id));
      this.focusRequest = info.id;
    } finally {
      this.opening -= 1;
    }
    if (this.opening === 0) this.setLayout(reconcile(this.layout, this.infos.map((info) => info.id)));
  }

  /** A second terminal to the same place as the focused one, beside or below it. */
  async split(direction: SplitDirection): Promise<void> {
    const focused = this.focusedId ? this.info(this.focusedId) : null;
    await this.open(focused?.target ?? { kind: 'local' }, direction);
  }

  input(id: string, data: string): void {
    void this.guard(() => this.requireApi().request('terminals.input', { id, data }));
  }

  async close(id: string): Promise<void> {
    const closed = await this.guard(() => this.requireApi().request('terminals.close', { id }));
    if (closed !== null) this.forget(id);
  }

  async reconnect(id: string): Promise<void> {
    const info = await this.guard(() => this.requireApi().request('terminals.reconnect', { id }));
    if (info) this.upsert(info);
  }

  /** Starts recording (what is typed too only when asked); a refusal comes back as a message for the form. */
  async startRecording(id: string, path: string, input = false): Promise<string | null> {
    try {
      this.upsert(await this.requireApi().request('terminals.record', { id, path: path.trim(), input }));
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async stopRecording(id: string): Promise<void> {
    const info = await this.guard(() => this.requireApi().request('terminals.record', { id, path: null }));
    if (info) this.upsert(info);
  }

  async setBroadcast(ids: string[]): Promise<void> {
    const infos = await this.guard(() => this.requireApi().request('terminals.setBroadcast', { ids }));
    if (infos) for (const info of infos) this.upsert(info);
  }

  async exportText(id: string): Promise<string | null> {
    return this.guard(() => this.requireApi().request('terminals.exportText', { id }));
  }

  focus(id: string): void {
    if (this.focusedId !== id || activeTab(this.layout)?.focused !== id) this.setLayout(focusTerminal(this.layout, id));
  }

  selectTab(tabKey: string): void {
    this.setLayout(selectTab(this.layout, tabKey));
    this.focusRequest = this.focusedId;
  }

  moveToNewTab(id: string): void {
    this.setLayout(moveToNewTab(this.layout, id));
  }

  zoom(step: -1 | 0 | 1): void {
    const base = this.presentation ? PRESENTATION_FONT_SIZE : TERMINAL_FONT_SIZE;
    const next = step === 0 ? 0 : this.zoomSteps + step;
    if (base + next < MIN_FONT_SIZE || base + next > MAX_FONT_SIZE) return;
    this.zoomSteps = next;
    writeStorage(ZOOM_STORAGE_KEY, String(next));
    this.applyLook();
  }

  /** The app's theme and the settings terminals use, applied to every screen. */
  follow(theme: ResolvedTheme, settings: Settings | null): void {
    const current = settings ?? defaultSettings;
    this.theme = theme;
    this.presentation = current.presentationMode;
    this.scrollback = current.terminalScrollbackLines;
    this.recordingsFolder = current.recordingsDirectory;
    this.applyLook();
  }

  /** After the link to the core came back: the stream may have missed output, so re-attach all. */
  async resync(): Promise<void> {
    if (!this.api) return;
    await this.restore();
  }

  private get look(): ScreenLook {
    return { fontSize: this.fontSize, theme: this.theme, scrollback: this.scrollback };
  }

  private applyLook(): void {
    const look = this.look;
    for (const screen of this.screens.values()) screen.setLook(look);
  }

  /** Loads xterm's code in the background (after the first view), so the first terminal opens at once. */
  preloadScreens(): Promise<unknown> {
    return this.loadScreens().catch(() => {});
  }

  /** xterm's code, loaded once; what the streams said meanwhile is then handled in order. */
  private loadScreens(): Promise<ScreenModule> {
    this.screensLoading ??= import('./terminal-screen').then((module) => {
      this.screenModule = module;
      for (const work of this.waitingForScreens.splice(0)) work();
      return module;
    }, (error: unknown) => {
      // Tried again by the next restore or open (a page served while the console was rebuilt).
      this.screensLoading = null;
      throw error;
    });
    return this.screensLoading;
  }

  /** Runs now when xterm is loaded, else once it is (events keep their order either way). */
  private withScreens(work: () => void): void {
    if (this.screenModule) return work();
    this.waitingForScreens.push(work);
    // One load (and at most one notice if it fails) for all that waits.
    if (this.waitingForScreens.length === 1) void this.loadScreens().catch((error: unknown) => this.report(error));
  }

  /** The screen of a terminal, made the first time the page hears of it (held until attached). Needs xterm loaded. */
  private sighted(id: string, options: { live?: boolean } = {}): TerminalScreen {
    const existing = this.screens.get(id);
    if (existing) return existing;
    if (!this.screenModule) throw new Error('terminal screens are not loaded yet');
    const info = this.info(id);
    const screen = new this.screenModule.TerminalScreen(id, info ? { cols: info.cols, rows: info.rows } : this.lastFit, this.look, {
      input: (data) => this.input(id, data),
      resize: (cols, rows) => void this.guard(() => this.requireApi().request('terminals.resize', { id, cols, rows })),
      ack: (chars) => void this.requireApi().request('terminals.ack', { id, chars }).catch(() => {}),
      sized: (cols, rows) => {
        this.sizes = { ...this.sizes, [id]: { cols, rows } };
        if (this.focusedId === id || this.screens.size === 1) this.lastFit = { cols, rows };
      },
      focused: () => this.focus(id),
      action: (action) => {
        if (action === 'search') this.searchingIn = id;
        else this.zoom(action === 'zoom-in' ? 1 : action === 'zoom-out' ? -1 : 0);
      },
      problem: (message) => this.host?.notify({ level: 'warning', code: 'clipboard', message, at: new Date().toISOString() }),
    });
    if (!options.live) screen.holdForSnapshot();
    this.screens.set(id, screen);
    this.sizes = { ...this.sizes, [id]: { cols: screen.cols, rows: screen.rows } };
    return screen;
  }

  private async attachScreen(id: string): Promise<void> {
    const screen = this.screens.get(id);
    if (!screen) return;
    screen.holdForSnapshot();
    try {
      const attachment = await this.requireApi().request('terminals.attach', { id });
      this.upsert(attachment.info);
      // The core restarts flow control on attach: the snapshot holds whatever no page acknowledged.
      screen.showSnapshot(attachment.screen);
    } catch (error) {
      if (error instanceof ConsoleRequestError && error.code === 'not-found') return this.forget(id);
      screen.release();
      this.report(error);
    }
  }

  private upsert(info: TerminalInfo): void {
    const index = this.infos.findIndex((known) => known.id === info.id);
    if (index === -1) this.infos = [...this.infos, info].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    else this.infos = this.infos.map((known) => (known.id === info.id ? info : known));
  }

  private forget(id: string): void {
    this.screens.get(id)?.dispose();
    this.screens.delete(id);
    this.infos = this.infos.filter((info) => info.id !== id);
    const { [id]: _gone, ...sizes } = this.sizes;
    this.sizes = sizes;
    if (this.searchingIn === id) this.searchingIn = null;
    this.setLayout(removeTerminal(this.layout, id));
  }

  private setLayout(layout: TerminalLayout): void {
    this.layout = layout;
    writeStorage(LAYOUT_STORAGE_KEY, JSON.stringify(layout));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  private report(error: unknown): void {
    const code = error instanceof ConsoleRequestError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    this.host?.notify({ level: 'error', code, message, at: new Date().toISOString() });
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console API is not attached yet');
    return this.api;
  }
}

/** Page storage can be unavailable (private windows, a full disk): the layout is then not kept. */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not kept; the terminals themselves are in the core either way.
  }
}
