// One terminal's screen in the page: an xterm.js instance with its addons, fed by the core's
// stream and feeding input back. It lives as long as the terminal, not as long as a view: its
// element is moved into whichever pane shows it (as VS Code moves its terminals), so leaving the
// Terminals view neither loses output nor stops acknowledging it.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import type { ResolvedTheme } from '../shell/theme.svelte';
import { FlowAcknowledger } from './flow-acknowledger';
import { FloodFrameRate } from './flood-frame-rate';
import { rendererForThisPage, type XtermRendererKind } from './renderer-choice';
import { terminalKeyAction, type TerminalKeyAction } from './terminal-keys';
import { searchDecorations, terminalTheme } from './terminal-theme';

/** A drag of the window edge fires dozens of resizes; the remote pty needs only where it ends. */
const RESIZE_SETTLE_MS = 80;
/**
 * Output is handed to xterm in pieces of at most this size. xterm parses for 12 ms, then yields
 * to the page, but it looks at the clock only between the pieces it was given: a 128 KB frame
 * parsed while its code is still cold (the first flood in a page) held the page for 50 ms.
 */
const WRITE_PIECE = 16 * 1024;
/** Beyond this many highlighted matches, highlighting costs more than it tells. */
const SEARCH_HIGHLIGHT_LIMIT = 2000;
/** Line height 1 clips the underscore of DejaVu Sans Mono in the DOM renderer ("OBX_MARK" reads "OBX MARK"). */
const LINE_HEIGHT = 1.1;
/** Used when the page's CSS has no --font-mono (tests under jsdom). */
const FALLBACK_FONT_FAMILY = "'DejaVu Sans Mono', monospace";

export interface ScreenLook {
  fontSize: number;
  theme: ResolvedTheme;
  scrollback: number;
}

export interface TerminalScreenEvents {
  input(data: string): void;
  /** The pty should take this size (after the pane settled). */
  resize(cols: number, rows: number): void;
  ack(chars: number): void;
  /** xterm's own size changed (shown right away, before the pty follows). */
  sized(cols: number, rows: number): void;
  focused(): void;
  /** A console key pressed inside the terminal that the screen does not handle itself. */
  action(action: Exclude<TerminalKeyAction, 'copy' | 'paste' | 'console-shortcut'>): void;
  /** Something the engineer should hear about (a refused clipboard). */
  problem(message: string): void;
}

export interface SearchQuery {
  text: string;
  caseSensitive: boolean;
  regex: boolean;
  wholeWord: boolean;
}

export class TerminalScreen {
  readonly term: Terminal;
  readonly element: HTMLDivElement;
  private readonly fitter = new FitAddon();
  private readonly searcher = new SearchAddon({ highlightLimit: SEARCH_HIGHLIGHT_LIMIT });
  private readonly acks: FlowAcknowledger;
  private webgl: WebglAddon | null = null;
  /** Set once xterm is opened (it has a renderer only then). */
  private frameRate: FloodFrameRate | null = null;
  private opened = false;
  /** Output that arrived while the screen waits for its snapshot; null when live. */
  private held: Array<{ data: string | Uint8Array; chars: number }> | null = null;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;
  private sentSize: { cols: number; rows: number };
  private theme: ResolvedTheme;
  renderer: XtermRendererKind = 'dom';

  constructor(
    readonly id: string,
    size: { cols: number; rows: number },
    look: ScreenLook,
    private readonly events: TerminalScreenEvents,
  ) {
    this.sentSize = { ...size };
    this.theme = look.theme;
    this.element = document.createElement('div');
    this.element.className = 'terminal-screen';
    this.term = new Terminal({
      cols: size.cols,
      rows: size.rows,
      scrollback: look.scrollback,
      fontSize: look.fontSize,
      fontFamily: monoFontFamily(),
      lineHeight: LINE_HEIGHT,
      theme: terminalTheme(look.theme),
      // A blinking cursor keeps a CSS animation running, and each echoed key then waits for it:
      // measured here, key → painted 13 ms with blinking, 9 ms without (xterm's default is off).
      cursorBlink: false,
      // Unicode 11 widths and search highlighting are "proposed" APIs in xterm 6.
      allowProposedApi: true,
      // Coloured output must stay readable on both backgrounds, also on a washed-out projector.
      minimumContrastRatio: 3,
    });
    this.acks = new FlowAcknowledger((chars) => events.ack(chars));
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(this.fitter);
    this.term.loadAddon(this.searcher);
    this.term.loadAddon(new WebLinksAddon((event, uri) => openLink(event, uri)));
    this.term.onData((data) => events.input(data));
    this.term.onBinary((data) => events.input(data));
    this.term.onResize(({ cols, rows }) => {
      events.sized(cols, rows);
      this.scheduleResize();
    });
    this.term.attachCustomKeyEventHandler((event) => this.handleKey(event));
  }

  get waitingForSnapshot(): boolean {
    return this.held !== null;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Shows the screen inside a pane (opening xterm the first time, moving it after that). */
  mount(container: HTMLElement): void {
    container.appendChild(this.element);
    if (!this.opened) {
      this.opened = true;
      this.term.open(this.element);
      this.frameRate = new FloodFrameRate(this.term);
      this.term.textarea?.addEventListener('focus', () => this.events.focused());
      this.useRendererForThisPage();
    }
    this.fit();
  }

  unmount(): void {
    this.element.remove();
  }

  /** Fits xterm to its pane; a pane that is not laid out (hidden, zero size) is left alone. */
  fit(): void {
    if (!this.element.isConnected || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    const proposed = this.fitter.proposeDimensions();
    if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return;
    this.fitter.fit();
  }

  focus(): void {
    this.term.focus();
  }

  /** Output from the core: text, or its UTF-8 bytes; `chars` is what flow control counts. */
  receive(data: string | Uint8Array, chars: number): void {
    if (this.held) return void this.held.push({ data, chars });
    this.frameRate?.arrived(chars);
    // Cut wherever the size falls, inside a character too: xterm carries a partial UTF-8
    // sequence or surrogate pair over to the next write.
    const piece = (from: number, to: number) => (typeof data === 'string' ? data.slice(from, to) : data.subarray(from, to));
    let at = 0;
    for (; data.length - at > WRITE_PIECE; at += WRITE_PIECE) this.term.write(piece(at, at + WRITE_PIECE));
    this.term.write(piece(at, data.length), () => this.acks.written(chars));
  }

  /** Holds live output until the snapshot from `terminals.attach` is written. */
  holdForSnapshot(): void {
    this.held ??= [];
  }

  /**
   * Replaces the screen with the core's snapshot. Output that arrived before the snapshot's
   * answer is already in it (the core answers in stream order), so it is dropped, but still
   * acknowledged: the core counted it as sent.
   */
  showSnapshot(snapshot: string): void {
    const superseded = this.held ?? [];
    this.held = null;
    this.term.reset();
    this.term.write(snapshot);
    for (const chunk of superseded) this.acks.written(chunk.chars);
  }

  /** Goes live without a snapshot (a terminal seen from its first byte). */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const chunk of held) this.receive(chunk.data, chunk.chars);
  }

  setLook(look: ScreenLook): void {
    if (this.term.options.fontSize !== look.fontSize) this.term.options.fontSize = look.fontSize;
    if (this.theme !== look.theme) {
      this.theme = look.theme;
      this.term.options.theme = terminalTheme(look.theme);
    }
    if (this.term.options.scrollback !== look.scrollback) this.term.options.scrollback = look.scrollback;
    this.fit();
  }

  find(query: SearchQuery, direction: 'next' | 'previous'): boolean {
    if (!query.text) {
      this.searcher.clearDecorations();
      return false;
    }
    const options: ISearchOptions = {
      caseSensitive: query.caseSensitive,
      regex: query.regex,
      wholeWord: query.wholeWord,
      decorations: searchDecorations(this.theme),
    };
    try {
      return direction === 'next' ? this.searcher.findNext(query.text, { ...options, incremental: true }) : this.searcher.findPrevious(query.text, options);
    } catch {
      // An unfinished regular expression while typing: no match yet, not an error.
      return false;
    }
  }

  onSearchResults(listener: (result: { index: number; count: number }) => void): () => void {
    const subscription = this.searcher.onDidChangeResults((event) => listener({ index: event.resultIndex, count: event.resultCount }));
    return () => subscription.dispose();
  }

  clearSearch(): void {
    this.searcher.clearDecorations();
  }

  hasSelection(): boolean {
    return this.term.hasSelection();
  }

  /** Copies the selection: through xterm's own copy handler (no permission needed), else the async API. */
  copySelection(): void {
    const text = this.term.getSelection();
    if (!text) return;
    this.term.focus();
    if (document.execCommand('copy')) return;
    navigator.clipboard.writeText(text).catch(() => this.events.problem('the clipboard refused the copy; select the text and use the context menu of your browser'));
  }

  /** Pastes from the clipboard (context menu); Ctrl+Shift+V uses the browser's own paste instead. */
  async pasteFromClipboard(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      if (text) this.term.paste(text);
      this.term.focus();
    } catch {
      this.events.problem('this window may not read the clipboard from a menu; press Ctrl+Shift+V in the terminal to paste');
    }
  }

  selectAll(): void {
    this.term.selectAll();
  }

  /** Clears the page's view only; the core's replay buffer keeps the history for a reload. */
  clear(): void {
    this.term.clear();
  }

  /** Reports what was written but not yet acknowledged (the page is going away). */
  flushAcks(): void {
    this.acks.flush();
  }

  dispose(): void {
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.frameRate?.dispose();
    this.webgl?.dispose();
    this.term.dispose();
    this.element.remove();
  }

  private useRendererForThisPage(): void {
    if (rendererForThisPage() !== 'webgl') return;
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        // The GPU reset or ran out of contexts: the DOM renderer takes over for good.
        webgl.dispose();
        this.webgl = null;
        this.renderer = 'dom';
      });
      this.term.loadAddon(webgl);
      this.webgl = webgl;
      this.renderer = 'webgl';
    } catch {
      this.renderer = 'dom';
    }
  }

  private scheduleResize(): void {
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      this.resizeTimer = null;
      const { cols, rows } = this.term;
      if (cols === this.sentSize.cols && rows === this.sentSize.rows) return;
      this.sentSize = { cols, rows };
      this.events.resize(cols, rows);
    }, RESIZE_SETTLE_MS);
  }

  /** false = xterm must not handle the key (it is the console's). */
  private handleKey(event: KeyboardEvent): boolean {
    const action = terminalKeyAction(event);
    if (!action) return true;
    if (event.type !== 'keydown') return false;
    if (action === 'paste' || action === 'console-shortcut') {
      // Not handled here and not prevented: the browser's own paste (Ctrl+Shift+V is "paste as
      // plain text") reaches xterm's paste handler, which needs no clipboard permission and
      // honours bracketed paste; a view shortcut bubbles up to the window's handler.
      return false;
    }
    event.preventDefault();
    if (action === 'copy') this.copySelection();
    else this.events.action(action);
    return false;
  }
}

function monoFontFamily(): string {
  const fromCss = getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim();
  return fromCss || FALLBACK_FONT_FAMILY;
}

/** Links open outside the console (Electron hands http(s) to the system browser). */
function openLink(event: MouseEvent, uri: string): void {
  if (!/^https?:\/\//i.test(uri)) return;
  event.preventDefault();
  window.open(uri, '_blank', 'noopener,noreferrer');
}
