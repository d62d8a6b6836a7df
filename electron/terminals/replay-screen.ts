// A terminal's replay buffer in the core: a headless xterm that holds the screen and scrollback
// as the page shows them, so a page that reloads gets the same screen back.
//
// It is fed lazily. Parsing every byte as it arrives cost the core as much CPU as everything else
// it does for a terminal, on the same cores the page needs to keep up with a flood. So output is
// kept as it came, and parsed when the output pauses, when a page needs the screen, or when too
// much is pending. And most of a flood never needs parsing at all: plain text (no escape or
// control sequence) that is followed by more line feeds than the scrollback and the screen can
// hold scrolls out of the buffer completely, so it is dropped unparsed. The result is the same
// screen, scrollback, cursor and modes as parsing every byte (replay-screen.test.ts compares the
// two on floods of every kind).
import xtermHeadless from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';
import unicode11Addon from '@xterm/addon-unicode11';

const { Terminal } = xtermHeadless;
const { SerializeAddon } = serializeAddon;
const { Unicode11Addon } = unicode11Addon;

/**
 * Output quiet for this long is parsed. Long enough that a flood, which the flow control pauses
 * for a few milliseconds at a time, is not parsed piecemeal; short enough that the buffer is
 * current long before anyone could reload a page.
 */
export const REPLAY_SETTLE_MS = 200;
/**
 * Output pending beyond this many characters is parsed at once, whatever it is: the bound on
 * what the core holds unparsed per terminal (8 MB as JavaScript strings; twice that while a parse
 * is under way), for output that can never be dropped (colours on every line, one endless line,
 * a scroll region).
 */
export const MAX_PENDING_CHARS = 4 * 1024 * 1024;

/**
 * What came before a flood is parsed in one go up to this much (about 25–40 ms of the core's
 * time); more is parsed in pieces.
 */
const HAND_AT_ONCE_CHARS = 1024 * 1024;

/**
 * Text whose effect is only to print characters and move the cursor down and back to the left
 * margin: no escape sequence (ESC, or CSI and the other C1 controls), no control that changes
 * state or moves the cursor up (backspace can, in reverse-wraparound mode), no vertical tab or
 * form feed. Tab, carriage return and line feed are allowed.
 */
const NOT_PLAIN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

/** One piece of output as it came; the session's queue towards the page holds the same objects. */
export interface PendingOutput {
  readonly text: string;
  readonly plain: boolean;
  readonly lineFeeds: number;
  readonly carriageReturn: boolean;
  /** Set when it was dropped unparsed: it scrolls out of every buffer, the page's included. */
  dropped: boolean;
}

/**
 * Rows the page's xterm may have beyond what the core was told: a pane being resized shows its
 * new size before the pty follows. The margin covers a screen this tall.
 */
export const PAGE_ROWS_AT_MOST = 150;

type HeadlessTerminal = InstanceType<typeof Terminal>;

export class ReplayScreen {
  private readonly terminal: HeadlessTerminal;
  private readonly serializer = new SerializeAddon();
  /** Output received and not yet handed to the headless xterm, oldest first. */
  private pending: PendingOutput[] = [];
  private pendingChars = 0;
  /** Where the trailing run of plain output in `pending` begins, and its line feeds. */
  private plainFrom = 0;
  private plainLineFeeds = 0;
  /** Writes handed to the headless xterm that it has not parsed yet (it parses in batches). */
  private parsing = 0;
  private lastOutputAt = 0;
  private settleTimer: NodeJS.Timeout | null = null;
  /** Characters dropped unparsed because they had scrolled out (for tests and benchmarks). */
  droppedChars = 0;

  /** Characters received and not yet given to the headless xterm. */
  get pendingCharacters(): number {
    return this.pendingChars;
  }

  /**
   * `pageScrollback` is the scrollback the pages use now (the setting may have changed since this
   * buffer was made): output is only dropped once it would scroll out of theirs too.
   */
  constructor(
    size: { cols: number; rows: number },
    scrollback: number,
    private readonly pageScrollback: () => number = () => scrollback,
    /** How long output must be quiet before what is pending is parsed (tests on a busy machine set it longer). */
    private readonly settleMs: number = REPLAY_SETTLE_MS,
  ) {
    this.terminal = new Terminal({ cols: size.cols, rows: size.rows, scrollback, allowProposedApi: true });
    this.terminal.loadAddon(this.serializer);
    // The page measures character widths with Unicode 11; so must the replay, or a line with
    // emoji or CJK characters would wrap differently after a reload.
    this.terminal.loadAddon(new Unicode11Addon());
    this.terminal.unicode.activeVersion = '11';
  }

  get scrollback(): number {
    return this.terminal.options.scrollback ?? 0;
  }

  /** Takes output in; the answer is marked `dropped` if it is later dropped unparsed. */
  /** Closed: output still on its way is let go (an exception in a timer would end the core). */
  private disposed = false;

  write(text: string): PendingOutput {
    const plain = !NOT_PLAIN.test(text);
    const output: PendingOutput = { text, plain, lineFeeds: plain ? countLineFeeds(text) : 0, carriageReturn: plain && text.includes('\r'), dropped: false };
    // Output that arrives after the terminal was closed (its last bytes) has no screen to go to.
    if (!text || this.disposed) return output;
    // Output that is not plain ends the plain run (a prompt after a flood, say): what the run has
    // scrolled out is dropped now, or it could never be, and the page would be sent all of it.
    if (!plain && this.plainLineFeeds >= this.lineFeedsToKeep()) this.dropScrolledOut(false);
    this.pending.push(output);
    this.pendingChars += text.length;
    if (plain) this.plainLineFeeds += output.lineFeeds;
    else {
      this.plainFrom = this.pending.length;
      this.plainLineFeeds = 0;
    }
    this.lastOutputAt = performance.now();
    this.dropScrolledOut();
    this.settleTimer ??= setTimeout(() => this.settle(), this.settleMs);
    this.boundPending();
    return output;
  }

  /** Parsing output it was given (it drops what scrolled out once done). */
  get isParsing(): boolean {
    return this.parsing > 0;
  }

  /** Output so far is laid out at the old size, as the page laid it out; then the size changes. */
  resize(cols: number, rows: number): void {
    this.parsePending();
    this.terminal.resize(cols, rows);
  }

  /**
   * Drops now whatever can be dropped, without waiting for twice what must stay: a flood has
   * just ended, and what is kept is all a page still has to be sent.
   */
  dropScrolledOutNow(): void {
    this.dropScrolledOut(false);
  }

  /** Resolves once everything written so far is parsed. */
  whenParsed(): Promise<void> {
    this.parsePending();
    return new Promise((resolve) => this.terminal.write('', resolve));
  }

  /** The screen and scrollback as escape sequences (call after whenParsed). */
  serialize(): string {
    return this.serializer.serialize({ scrollback: this.scrollback });
  }

  /** Scrollback and screen as plain text, trailing blank lines left out (call after whenParsed). */
  text(): string {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let index = 0; index < buffer.length; index += 1) lines.push(buffer.getLine(index)?.translateToString(true) ?? '');
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return `${lines.join('\n')}\n`;
  }

  dispose(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.disposed = true;
    this.pending = [];
    this.pendingChars = 0;
    this.plainFrom = 0;
    this.plainLineFeeds = 0;
    this.terminal.dispose();
  }

  private settle(): void {
    this.settleTimer = null;
    const quietFor = performance.now() - this.lastOutputAt;
    if (quietFor >= this.settleMs) this.parsePending();
    else this.settleTimer = setTimeout(() => this.settle(), this.settleMs - quietFor);
  }

  /**
   * Line feeds that must follow dropped output: enough to push every line it touched out of the
   * scrollback, counted from the first carriage return after it (from there the cursor column no
   * longer depends on what was dropped); it takes up to a screenful of line feeds to bring the
   * cursor to the bottom row before lines start scrolling out.
   */
  private lineFeedsToKeep(): number {
    return Math.max(this.scrollback, this.pageScrollback()) + 2 * Math.max(this.terminal.rows, PAGE_ROWS_AT_MOST);
  }

  /**
   * Drops plain output at the front of the pending run once enough plain output follows it.
   * Only when everything before it is parsed (its state, such as colours or the alternate
   * screen, is then in place), and only without a scroll region (with one, where the cursor
   * starts decides which rows a line lands on).
   */
  private dropScrolledOut(amortised = true): void {
    const keep = this.lineFeedsToKeep();
    // Amortised: wait for twice what must stay, then drop down to it.
    if (this.plainLineFeeds < (amortised ? 2 : 1) * keep) return;
    if (this.plainFrom > 0) {
      this.pendingChars -= this.hand(this.pending.splice(0, this.plainFrom), false);
      this.plainFrom = 0;
      return; // dropped once that is parsed
    }
    if (this.parsing > 0 || this.pending.length === 0 || !this.scrollsWholeScreen()) return;
    // Everything before the last chunk that holds a carriage return and is followed by enough
    // line feeds can go.
    let droppable = 0;
    let lineFeedsUpTo = this.pending[0]!.lineFeeds;
    for (let index = 1; index < this.pending.length; index += 1) {
      const output = this.pending[index]!;
      lineFeedsUpTo += output.lineFeeds;
      if (this.plainLineFeeds - lineFeedsUpTo < keep) break;
      if (output.carriageReturn) droppable = index;
    }
    for (const output of this.pending.splice(0, droppable)) {
      this.pendingChars -= output.text.length;
      this.plainLineFeeds -= output.lineFeeds;
      this.droppedChars += output.text.length;
      output.dropped = true;
    }
  }

  /** True when the active buffer's scroll region is the whole screen (xterm's default). */
  private scrollsWholeScreen(): boolean {
    // Not in xterm's public API; if its shape ever changes, nothing is dropped.
    const buffer = (this.terminal as unknown as { _core?: { buffers?: { active?: { scrollTop?: unknown; scrollBottom?: unknown } } } })._core?.buffers?.active;
    return buffer?.scrollTop === 0 && buffer.scrollBottom === this.terminal.rows - 1;
  }

  /**
   * Parses what is pending once there is too much of it. Not while a parse is under way (up to
   * twice the bound): a flood that follows other output waits for that to be parsed, and is
   * then dropped, not parsed.
   */
  private boundPending(): void {
    if (this.pendingChars > (this.parsing > 0 ? 2 : 1) * MAX_PENDING_CHARS) this.parsePending();
  }

  private parsePending(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    if (this.pending.length === 0) return;
    this.hand(this.pending, true);
    this.pending = [];
    this.pendingChars = 0;
    this.plainFrom = 0;
    this.plainLineFeeds = 0;
  }

  /**
   * Gives output to the headless xterm to parse; returns its length.
   * - `inPieces`: piece by piece as it came. xterm yields to the event loop between writes once it
   *   has parsed for a few milliseconds: a megabyte handed over in one string would hold the core
   *   for 50–100 ms (a keystroke's echo would wait for it).
   * - Else in one string, parsed in one go: what came before a flood, which must be parsed before
   *   the flood can be dropped. Parsed in pieces, it would take many turns of an event loop busy
   *   with the flood (the program waits meanwhile, see page-feed.ts). Up to HAND_AT_ONCE_CHARS:
   *   beyond that, holding the core would cost more than the wait.
   */
  private hand(outputs: PendingOutput[], inPieces: boolean): number {
    const total = outputs.reduce((sum, output) => sum + output.text.length, 0);
    const atOnce = !inPieces && outputs.length > 1 && total <= HAND_AT_ONCE_CHARS;
    const pieces = atOnce ? [outputs.map((output) => output.text).join('')] : outputs.map((output) => output.text);
    for (const piece of pieces.slice(0, -1)) this.terminal.write(piece);
    this.parsing += 1;
    this.terminal.write(pieces.at(-1)!, () => {
      this.parsing -= 1;
      if (this.parsing > 0) return;
      this.dropScrolledOut();
      this.boundPending();
    });
    return total;
  }
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
