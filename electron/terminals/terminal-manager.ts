// Every open terminal of this console, in the core: a page reload or a closed window does not end
// them. Input to a terminal of the broadcast set goes to every terminal of the set.
import { randomBytes } from 'node:crypto';
import { ConsoleError } from '../contract/console-errors';
import type { TerminalInfo, TerminalTarget } from '../contract/terminals';
import type { PtySize } from './pty-channel';
import { TerminalSession, type PtyOpener, type RecordingChange } from './terminal-session';
import { recordingPathFor } from './recordings';

export interface TerminalManagerOptions {
  /** How a target's pty is opened, and what the terminal is called (from the lab's state). */
  resolve(target: TerminalTarget): Promise<{ title: string; open: PtyOpener }>;
  scrollback(): number;
  /** Whether a terminal whose page falls behind skips output that scrolls out unseen (a setting). */
  fastForwardFloods(): boolean;
  /** The folder to record every new terminal into ("always record"), or null. */
  recordEveryTerminalIn(): string | null;
  onData(id: string, data: string): void;
  onInfo(info: TerminalInfo): void;
  onClosed(id: string): void;
  /** A terminal began or ended a recording (the core remembers where). */
  onRecording?(change: RecordingChange): void;
}

export class TerminalManager {
  private readonly sessions = new Map<string, TerminalSession>();

  constructor(private readonly options: TerminalManagerOptions) {}

  async open(target: TerminalTarget, size: PtySize): Promise<TerminalInfo> {
    const { title, open } = await this.options.resolve(target);
    const id = `term-${randomBytes(6).toString('hex')}`;
    const events = { data: this.options.onData, info: this.options.onInfo, recording: (change: RecordingChange) => this.options.onRecording?.(change) };
    const session = new TerminalSession(id, target, title, open, events, {
      size,
      scrollback: this.options.scrollback(),
      pageScrollback: () => this.options.scrollback(),
      fastForward: () => this.options.fastForwardFloods(),
    });
    this.sessions.set(id, session);
    const folder = this.options.recordEveryTerminalIn();
    if (folder) {
      // "Always record" into a folder that cannot take it: the terminal opens all the same, and says so.
      try {
        session.startRecording(recordingPathFor(folder, title));
      } catch (error) {
        session.recordingCouldNotStart(error instanceof ConsoleError ? error.message : String(error));
      }
    }
    await session.start();
    return session.info;
  }

  list(): TerminalInfo[] {
    return [...this.sessions.values()].map((session) => session.info);
  }

  get(id: string): TerminalSession {
    const session = this.sessions.get(id);
    if (!session) throw new ConsoleError('not-found', 'that terminal is closed (it may have been closed in another window)');
    return session;
  }

  input(id: string, data: string): void {
    const session = this.get(id);
    if (!session.inBroadcast) return session.input(data);
    for (const member of this.sessions.values()) if (member.inBroadcast) member.input(data);
  }

  setBroadcast(ids: string[]): TerminalInfo[] {
    for (const id of ids) this.get(id);
    const chosen = new Set(ids);
    for (const session of this.sessions.values()) {
      const next = chosen.has(session.id);
      if (session.inBroadcast !== next) {
        session.inBroadcast = next;
        this.options.onInfo(session.info);
      }
    }
    return this.list();
  }

  async reconnect(id: string): Promise<TerminalInfo> {
    const session = this.get(id);
    await session.start();
    return session.info;
  }

  async close(id: string): Promise<void> {
    const session = this.get(id);
    this.sessions.delete(id);
    await session.close();
    this.options.onClosed(id);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
  }
}
