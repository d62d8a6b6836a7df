// One terminal, living in the core: the program under its pty, a replay buffer that keeps the
// screen and scrollback (so a reloaded page gets the same screen back), flow control towards
// the page, and the lines it writes itself when the program exits or the connection drops
// (Enter then opens the same target again).
import { StringDecoder } from 'node:string_decoder';
import { ConsoleError } from '../contract/console-errors';
import type { TerminalInfo, TerminalState, TerminalTarget } from '../contract/terminals';
import type { PtyChannel, PtySize } from './pty-channel';
import { TERMINAL_TYPE } from './pty-channel';
import { AsciicastRecorder } from './asciicast-recorder';
import { ReplayScreen } from './replay-screen';
import { PageFeed } from './page-feed';

/** Lines the console writes into the terminal itself, set apart from the program's output. */
const NOTICE_STYLE = '\x1b[1;33m';
const FAILURE_STYLE = '\x1b[1;31m';
const RESET_STYLE = '\x1b[0m';
export interface TerminalSessionEvents {
  data(id: string, data: string): void;
  info(info: TerminalInfo): void;
  /** A recording began or ended: the core remembers every file it wrote, wherever it is. */
  recording?(change: RecordingChange): void;
}

export type RecordingChange =
  | { kind: 'started'; path: string; title: string; at: string }
  | { kind: 'stopped'; path: string };

export type PtyOpener = (size: PtySize) => Promise<PtyChannel>;

export class TerminalSession {
  private channel: PtyChannel | null = null;
  private readonly screen: ReplayScreen;
  private readonly feed: PageFeed;
  private decoder = new StringDecoder('utf8');
  private recorder: AsciicastRecorder | null = null;
  /**
   * Whether what is typed goes into the recording too. Only when the engineer asks for it, for that
   * recording: a sudo or database password typed at a prompt is input, and a recording is a file
   * that gets shared.
   */
  private recordingInput = false;
  /** Why the last recording stopped by itself, until another starts. */
  private recordingProblem: string | null = null;
  private state: TerminalState = 'starting';
  private exitCode: number | null = null;
  private detail: string | null = null;
  private size: PtySize;
  inBroadcast = false;
  /** Characters received since the session began (to know when the replay buffer caught up). */
  private receivedChars = 0;
  private readonly createdAt = new Date().toISOString();

  constructor(
    readonly id: string,
    readonly target: TerminalTarget,
    readonly title: string,
    private readonly openPty: PtyOpener,
    private readonly events: TerminalSessionEvents,
    options: {
      size: PtySize;
      scrollback: number;
      /** The scrollback pages use now (a setting: it may change while the terminal runs). */
      pageScrollback?: () => number;
      /** Whether floods are fast-forwarded to the page (page-feed.ts), or the program paused. */
      fastForward?: () => boolean;
    },
  ) {
    this.size = options.size;
    this.screen = new ReplayScreen(options.size, options.scrollback, options.pageScrollback);
    this.feed = new PageFeed(
      (text) => this.events.data(this.id, text),
      () => this.channel,
      options.fastForward ?? (() => false),
      this.screen,
    );
  }

  get info(): TerminalInfo {
    return {
      id: this.id,
      target: this.target,
      title: this.title,
      state: this.state,
      exitCode: this.exitCode,
      detail: this.detail,
      cols: this.size.cols,
      rows: this.size.rows,
      recordingPath: this.recorder?.path ?? null,
      recordingProblem: this.recordingProblem,
      recordingInput: this.recorder !== null && this.recordingInput,
      inBroadcast: this.inBroadcast,
      createdAt: this.createdAt,
    };
  }

  /** Opens (or re-opens) the program; a failure becomes the terminal's state, not an exception. */
  async start(): Promise<void> {
    this.setState('starting', null, null);
    try {
      const channel = await this.openPty(this.size);
      this.channel = channel;
      this.decoder = new StringDecoder('utf8');
      this.feed.channelChanged();
      channel.onData((chunk) => this.receive(this.decoder.write(chunk)));
      channel.onExit((exit) => {
        if (this.channel !== channel) return;
        this.channel = null;
        const rest = this.decoder.end();
        if (rest) this.receive(rest);
        if (exit.lost) {
          this.setState('disconnected', null, exit.lost.message);
          this.say(FAILURE_STYLE, `[connection lost: ${exit.lost.message}]\r\n[press Enter to reconnect to the same ${this.describeTarget()}]`);
        } else {
          this.setState('exited', exit.code, null);
          this.say(NOTICE_STYLE, `[${this.describeTarget()} ended${exit.code !== null ? ` with exit status ${exit.code}` : exit.signal ? ` by signal ${exit.signal}` : ''}; press Enter to open it again]`);
        }
      });
      this.setState('running', null, null);
    } catch (error) {
      const message = error instanceof ConsoleError ? error.message : String(error);
      this.setState('failed', null, message);
      this.say(FAILURE_STYLE, `[could not open ${this.title}: ${message}]\r\n[press Enter to try again]`);
    }
  }

  input(data: string): void {
    if (this.channel) {
      this.channel.write(data);
      if (this.recordingInput) this.recorder?.input(data);
      return;
    }
    // Ended, lost or failed: Enter opens the same target again, anything else is ignored.
    if (this.state !== 'starting' && /\r|\n/.test(data)) void this.start();
  }

  resize(size: PtySize): void {
    this.size = size;
    this.screen.resize(size.cols, size.rows);
    this.channel?.resize(size);
    this.recorder?.resize(size.cols, size.rows);
    this.events.info(this.info);
  }

  acknowledge(chars: number): void {
    this.feed.acknowledged(chars);
  }

  /** Resolves once everything received so far is in the replay buffer (it parses lazily). */
  whenWritten(): Promise<void> {
    return this.screen.whenParsed();
  }

  /**
   * For a page that (re)attaches: everything received so far, parsed, as escape sequences; and
   * flow control starts afresh, since the snapshot contains whatever an old page never
   * acknowledged (without this, output sent while no page was attached would block the channel
   * for good).
   */
  async attach(): Promise<string> {
    let received: number;
    do {
      received = this.receivedChars;
      await this.whenWritten();
    } while (received !== this.receivedChars);
    // Output still queued or batched is in the snapshot: it goes out now, ahead of the snapshot's
    // answer, so the page knows it as superseded and never writes it twice.
    this.feed.sendAll();
    this.feed.restart();
    return this.snapshot();
  }

  /** The screen and scrollback as escape sequences; written into a fresh xterm it looks the same. */
  snapshot(): string {
    return this.screen.serialize();
  }

  /** Scrollback and screen as plain text (for "export as text"), with everything received so far. */
  async text(): Promise<string> {
    await this.whenWritten();
    return this.screen.text();
  }

  /** Records what the terminal shows; what is typed only with `{ input: true }` (asked for per recording). */
  startRecording(path: string, { input = false }: { input?: boolean } = {}): void {
    const previous = this.recorder;
    if (previous) void previous.close().then(() => this.events.recording?.({ kind: 'stopped', path: previous.path }));
    const recorder = new AsciicastRecorder(path, { cols: this.size.cols, rows: this.size.rows, title: this.title, term: TERMINAL_TYPE }, (reason) =>
      this.recordingFailed(recorder, reason),
    );
    this.recorder = recorder;
    this.recordingProblem = null;
    this.recordingInput = input;
    this.events.recording?.({ kind: 'started', path, title: this.title, at: new Date().toISOString() });
    this.events.info(this.info);
  }

  async stopRecording(): Promise<void> {
    const recorder = this.recorder;
    this.recorder = null;
    await recorder?.close();
    if (recorder) this.events.recording?.({ kind: 'stopped', path: recorder.path });
    this.events.info(this.info);
  }

  /** "Always record" could not start a recording (the folder is read-only): the pane says so. */
  recordingCouldNotStart(reason: string): void {
    this.recordingProblem = `always record: ${reason}`;
    this.events.info(this.info);
  }

  /** A write failed (the disk filled up): the recording stops, the terminal goes on and says so. */
  private recordingFailed(recorder: AsciicastRecorder, reason: string): void {
    if (this.recorder !== recorder) return;
    this.recorder = null;
    this.recordingProblem = `the recording stopped: ${reason}`;
    void recorder.close().then(() => this.events.recording?.({ kind: 'stopped', path: recorder.path }));
    this.say(FAILURE_STYLE, `[recording stopped: ${reason}]`);
    this.events.info(this.info);
  }

  async close(): Promise<void> {
    const channel = this.channel;
    this.channel = null;
    channel?.close();
    // A closed terminal sends nothing more (the page has forgotten it).
    this.feed.dispose();
    await this.stopRecording();
    this.screen.dispose();
  }

  private receive(text: string): void {
    if (!text) return;
    this.receivedChars += text.length;
    const output = this.screen.write(text);
    this.recorder?.output(text);
    this.feed.push(output);
  }

  /** A line of the console's own, on a fresh line, styled apart from the program's output. */
  private say(style: string, text: string): void {
    this.receive(`\r\n${style}${text}${RESET_STYLE}\r\n`);
  }

  private setState(state: TerminalState, exitCode: number | null, detail: string | null): void {
    // The page sees the output that led to a state before the state itself.
    this.feed.sendFrame();
    this.state = state;
    this.exitCode = exitCode;
    this.detail = detail;
    this.events.info(this.info);
  }

  private describeTarget(): string {
    switch (this.target.kind) {
      case 'container':
        return `shell in ${this.target.container}`;
      case 'namespace':
        return `shell in ${this.target.namespace}`;
      case 'juju-ssh':
        return `juju ssh ${this.target.machineId}`;
      case 'machine':
        return `shell on machine ${this.target.machineId}`;
      case 'local':
        return 'local shell';
    }
  }
}
