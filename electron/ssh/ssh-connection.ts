// One SSH connection to one endpoint (ssh2, pure JS): host key checked before anything is sent,
// TCP no-delay, keepalive, channels through a gate, commands as argv arrays quoted in exactly
// one place (shell-quote.ts), optionally reached through another connection (a jump host).
// ssh2 is CommonJS: the bundled ESM entry can only take its default export.
import ssh2 from 'ssh2';
import type { Client, ClientChannel, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { ConsoleError } from '../contract/console-errors';
import { ChannelGate } from './channel-gate';
import { buildAuthAttempts, type AuthAttempt, type AuthOptions } from './ssh-auth';
import { describeConnectFailure } from './ssh-failure';
import { keyTypeOf, type HostKey } from './known-hosts';
import { quoteShellCommand } from './shell-quote';
import { OutputBuffer } from './output-buffer';
import { TERMINAL_TYPE, type PtyChannel, type PtyExit, type PtySize } from '../terminals/pty-channel';

/** Handshake and login, not counting the time a person spends deciding on a new host key. */
export const CONNECT_TIMEOUT_MS = 15_000;
/** A keepalive every 15 s, 3 unanswered = dead: a pulled cable is noticed within ~45 s. */
const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 3;
/** OpenSSH's default MaxSessions. */
export const DEFAULT_CHANNEL_LIMIT = 10;
/**
 * Session slots of a connection that terminals never take. A terminal holds its slot for as long
 * as it is open: ten shells on one node would otherwise leave none for reading it, the lab's
 * refresh would wait behind them for good, and the eleventh shell would wait without a word.
 */
export const SLOTS_KEPT_FOR_COMMANDS = 2;
/** A probe that has not answered in 30 s is stuck (a hung NFS mount, a dead LXD socket). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
/**
 * sshd frees a session slot a moment after the channel closes, so a burst at the limit can still
 * meet "Channel open failure": retry a few times with a growing pause before giving up.
 */
const CHANNEL_OPEN_RETRIES = 5;
const CHANNEL_OPEN_RETRY_DELAY_MS = 40;
/** Beyond this a command's output is cut (the result says so): `lxc list` of 5,000 containers is ~20 MB. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/**
 * A stopped command is first asked to end (SIGINT: ping then prints its statistics); one that
 * has not ended this long after is cut off by closing its channel.
 */
export const STOP_GRACE_MS = 1500;

export interface SshTarget {
  host: string;
  port: number;
  user: string;
}

export type HostKeyDecision = { accept: true } | { accept: false; error: ConsoleError };

export interface HostKeyPolicy {
  /** `reach` opens a stream to the target along the connection's route (through `via`), null when direct. */
  decide(target: SshTarget, key: HostKey, reach?: (() => Promise<Duplex>) | null): Promise<HostKeyDecision>;
  /** Host key types already known for this endpoint, offered first (as OpenSSH does). */
  preferredTypes(target: SshTarget): Promise<string[]>;
}

export interface SshConnectOptions {
  auth: AuthOptions;
  hostKeys: HostKeyPolicy;
  /** Reach the target through this (already open) connection, like ProxyJump. */
  via?: SshConnection;
  channelLimit?: number;
  connectTimeoutMs?: number;
}

export interface CommandOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  stdin?: string | Buffer;
  /** Each piece of stdout the moment it arrives (UTF-8 decoded across chunk boundaries). */
  onStdout?: (chunk: string) => void;
  /**
   * Aborting asks the command to stop (SIGINT, then the channel is closed after STOP_GRACE_MS);
   * the result is what it printed until then.
   */
  signal?: AbortSignal;
}

export interface CommandResult {
  /** null when the command was killed by a signal or cut off. */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** True when the output exceeded the limit and the rest was discarded. */
  truncated: boolean;
  /** True when stdout was not valid UTF-8 (shown with replacement characters). */
  invalidUtf8: boolean;
  durationMs: number;
}

const SERVER_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

export class SshConnection {
  readonly gate: ChannelGate;
  /** Terminals holding (or about to hold) a slot of the gate. */
  private terminalsOpen = 0;
  private closed = false;
  private closeReason: ConsoleError | null = null;
  private readonly closeListeners = new Set<(reason: ConsoleError | null) => void>();
  /** Commands waiting on this connection; failed at once when it closes. */
  private readonly inFlight = new Set<(reason: ConsoleError) => void>();

  private constructor(
    readonly target: SshTarget,
    private readonly client: Client,
    channelLimit: number,
  ) {
    this.gate = new ChannelGate(channelLimit);
  }

  get label(): string {
    return `${this.target.user}@${this.target.host}:${this.target.port}`;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  static async open(target: SshTarget, options: SshConnectOptions): Promise<SshConnection> {
    const where = `${target.user}@${target.host}:${target.port}${options.via ? ` (via ${options.via.label})` : ''}`;
    const { attempts, described } = await buildAuthAttempts(options.auth);
    if (attempts.length === 0) {
      throw new ConsoleError('ssh-auth-refused', `no credential to offer ${where}: ${described}. Start ssh-agent with your key, or give a key file.`);
    }
    const sock = options.via ? await options.via.forwardTo(target.host, target.port) : undefined;
    const known = await options.hostKeys.preferredTypes(target);
    const client = new ssh2.Client();
    // A failing handshake can emit several 'error' events as it unwinds; an 'error' with no
    // listener would crash the whole core, so one listener stays for the client's lifetime.
    client.on('error', () => {});
    const connection = new SshConnection(target, client, options.channelLimit ?? DEFAULT_CHANNEL_LIMIT);
    const budget = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;

    await new Promise<void>((resolve, reject) => {
      let settled = false;
      let hostKeyRefusal: ConsoleError | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const finish = (error: ConsoleError | null) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        if (error) {
          client.end();
          reject(error);
        } else resolve();
      };
      const startClock = () => {
        timer = setTimeout(() => finish(new ConsoleError('ssh-timeout', `${where} did not complete the SSH login within ${budget / 1000} s (is the machine overloaded, or the network lossy?)`)), budget);
      };
      const pauseClock = () => {
        if (timer) clearTimeout(timer);
        timer = null;
      };

      const remaining = [...attempts];
      const config: ConnectConfig = {
        host: target.host,
        port: target.port,
        username: target.user,
        sock: sock as ConnectConfig['sock'],
        readyTimeout: 0, // our own clock, paused while a person looks at a host key prompt
        keepaliveInterval: KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        algorithms: { serverHostKey: preferKnown(known) },
        hostVerifier: (keyBlob: Buffer, verify: (valid: boolean) => void) => {
          pauseClock();
          const key: HostKey = { type: keyTypeOf(keyBlob), blob: keyBlob };
          const via = options.via;
          const reach = via ? () => via.forwardTo(target.host, target.port) : null;
          options.hostKeys.decide(target, key, reach).then(
            (decision) => {
              if (!decision.accept) hostKeyRefusal = decision.error;
              else startClock();
              verify(decision.accept);
            },
            (error: unknown) => {
              hostKeyRefusal = describeConnectFailure(error, where, described);
              verify(false);
            },
          );
        },
        authHandler: (_methodsLeft, _partial, next) => {
          const attempt = remaining.shift();
          if (!attempt) return next(false as never);
          next(toSsh2Auth(attempt, target.user) as never);
        },
      };
      client.once('ready', () => finish(null));
      client.once('error', (error) => finish(hostKeyRefusal ?? describeConnectFailure(error, where, described)));
      client.once('close', () => finish(hostKeyRefusal ?? new ConsoleError('ssh-disconnected', `${where} closed the connection before login completed`)));
      client.on('connect', () => client.setNoDelay(true));
      startClock();
      client.connect(config);
    });

    client.on('error', (error) => connection.markClosed(describeConnectFailure(error, where, described)));
    client.on('close', () => connection.markClosed(null));
    client.on('end', () => connection.markClosed(null));
    // Through a jump host the "socket" is a forwarded channel: when the far side dies, the
    // channel ends but ssh2 does not always say so on the client, so watch the channel too.
    sock?.once('close', () => connection.markClosed(new ConsoleError('ssh-disconnected', `the connection to ${where} was closed by the jump host (the machine went away?)`)));
    sock?.once('end', () => connection.markClosed(new ConsoleError('ssh-disconnected', `the connection to ${where} was closed by the jump host (the machine went away?)`)));
    return connection;
  }

  /** False once terminals hold all the slots they may take (see SLOTS_KEPT_FOR_COMMANDS). */
  get roomForTerminal(): boolean {
    return this.terminalsOpen < this.gate.limit - SLOTS_KEPT_FOR_COMMANDS;
  }

  /** Runs argv on the remote machine (quoted for its shell here, nowhere else). */
  exec(argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
    return this.execCommandLine(quoteShellCommand(argv), options);
  }

  /**
   * An interactive program under a remote pty: a login shell (argv null) or the given command.
   * The channel holds one of the connection's slots for as long as it is open.
   */
  async openPty(argv: readonly string[] | null, size: PtySize): Promise<PtyChannel> {
    this.assertOpen();
    if (!this.roomForTerminal) {
      throw new TerminalSlotsTaken(
        `${this.terminalsOpen} terminals are already open on ${this.label}, the most the console opens on one SSH connection: its sshd allows ${this.gate.limit} sessions per connection (MaxSessions), and ${SLOTS_KEPT_FOR_COMMANDS} stay free for reading the lab. Close a terminal on it, then press Enter here`,
      );
    }
    // Counted before waiting for the slot: a terminal opening at the same time sees it taken.
    this.terminalsOpen += 1;
    const slot = await this.gate.acquire();
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      slot();
      this.terminalsOpen -= 1;
    };
    const window = { term: TERMINAL_TYPE, cols: size.cols, rows: size.rows, width: 0, height: 0 };
    try {
      this.assertOpen();
      const channel = await new Promise<ClientChannel>((resolve, reject) => {
        const done = (error: Error | undefined, opened: ClientChannel) =>
          error ? reject(new ConsoleError('command-failed', `${this.label} would not open a terminal: ${error.message}`)) : resolve(opened);
        try {
          if (argv === null) this.client.shell(window, done);
          else this.client.exec(quoteShellCommand(argv), { pty: window }, done);
        } catch (error) {
          reject(new ConsoleError('ssh-disconnected', `the SSH connection to ${this.label} was lost (${(error as Error).message})`));
        }
      });
      return new SshPtyChannel(channel, this, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * A TCP stream to host:port opened from the remote side (for jumping through this machine).
   * It takes no slot of the gate: OpenSSH's MaxSessions counts sessions (shells, commands), not
   * forwarded connections, and a controller carries one for every machine reached through it
   * (an OrangeBox has ten nodes) for as long as that machine is connected.
   */
  async forwardTo(host: string, port: number): Promise<Duplex> {
    this.assertOpen();
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
        if (error) reject(describeConnectFailure(error, `${host}:${port}`, ''));
        else resolve(stream);
      });
    });
  }

  onClose(listener: (reason: ConsoleError | null) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.client.end();
    this.markClosed(null);
  }

  private async execCommandLine(commandLine: string, options: CommandOptions): Promise<CommandResult> {
    this.assertOpen();
    for (let attempt = 0; ; attempt += 1) {
      const release = await this.gate.acquire();
      try {
        this.assertOpen();
        return await this.runChannel(commandLine, options);
      } catch (error) {
        if (!(error instanceof ChannelRefused) || attempt >= CHANNEL_OPEN_RETRIES) {
          throw error instanceof ChannelRefused ? error.failure : error;
        }
      } finally {
        release();
      }
      await new Promise((resolve) => setTimeout(resolve, CHANNEL_OPEN_RETRY_DELAY_MS * (attempt + 1)));
    }
  }

  private runChannel(commandLine: string, options: CommandOptions): Promise<CommandResult> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      let channel: ClientChannel | null = null;
      let settled = false;
      // The clock starts before the channel is asked for: a server that never confirms the
      // channel (it died meanwhile) must not hang the caller either.
      const timer = setTimeout(() => {
        channel?.close();
        finish(new ConsoleError('command-timeout', `\`${abbreviate(commandLine)}\` on ${this.label} did not finish within ${timeoutMs / 1000} s; it was stopped`));
      }, timeoutMs);
      const finish = (outcome: ConsoleError | CommandResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.inFlight.delete(abandon);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const abandon = (reason: ConsoleError) => finish(reason);
      this.inFlight.add(abandon);

      const onChannel = (error: Error | undefined, opened: ClientChannel) => {
        if (error) {
          settled = true;
          clearTimeout(timer);
          this.inFlight.delete(abandon);
          reject(new ChannelRefused(new ConsoleError('command-failed', `${this.label} would not start a command: ${error.message}`)));
          return;
        }
        channel = opened;
        const stdout = new OutputBuffer(maxBytes);
        const stderr = new OutputBuffer(maxBytes);
        const decoder = options.onStdout ? new StringDecoder('utf8') : null;
        let cutAtLimit = false;
        opened.on('data', (chunk: Buffer) => {
          stdout.add(chunk);
          if (decoder) options.onStdout?.(decoder.write(chunk));
          // Past the limit nothing more is kept: the channel is closed (the remote program gets
          // SIGPIPE) rather than the rest of a runaway output carried over the link for nothing.
          if (stdout.truncated && !cutAtLimit) {
            cutAtLimit = true;
            opened.close();
          }
        });
        opened.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
        const stopWhenAborted = options.signal ? stopOnAbort(options.signal, opened) : () => {};
        opened.on('close', (code: number | null, signal?: string) => {
          stopWhenAborted();
          const rest = decoder?.end();
          if (rest) options.onStdout?.(rest);
          const text = stdout.text();
          finish({
            exitCode: typeof code === 'number' ? code : null,
            signal: signal ?? null,
            stdout: text.value,
            stderr: stderr.text().value,
            truncated: stdout.truncated || stderr.truncated,
            invalidUtf8: text.invalid,
            durationMs: performance.now() - started,
          });
        });
        if (options.stdin !== undefined) opened.end(options.stdin);
        else opened.end();
      };
      try {
        this.client.exec(commandLine, onChannel);
      } catch (error) {
        // ssh2 throws "Not connected" when the transport is gone without having said so.
        const lost = new ConsoleError('ssh-disconnected', `the SSH connection to ${this.label} was lost (${(error as Error).message})`);
        this.markClosed(lost);
        finish(lost);
      }
    });
  }

  private assertOpen(): void {
    if (this.closed) {
      throw this.closeReason ?? new ConsoleError('ssh-disconnected', `the SSH connection to ${this.label} is closed`);
    }
  }

  private markClosed(reason: ConsoleError | null): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = reason;
    this.gate.drain();
    const lost = reason ?? new ConsoleError('ssh-disconnected', `the SSH connection to ${this.label} closed while a command was running`);
    for (const abandon of [...this.inFlight]) abandon(lost);
    for (const listener of this.closeListeners) listener(reason);
  }
}

/** An SSH channel with a pty, as a PtyChannel. */
class SshPtyChannel implements PtyChannel {
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private readonly exitListeners: ((exit: PtyExit) => void)[] = [];
  private exited = false;

  constructor(
    private readonly channel: ClientChannel,
    private readonly connection: SshConnection,
    private readonly release: () => void,
  ) {
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exitCode = typeof code === 'number' ? code : null;
      this.exitSignal = signal ?? null;
    });
    channel.on('close', () => this.finish(null));
    const stopListening = connection.onClose((reason) => this.finish(reason ?? new ConsoleError('ssh-disconnected', `the connection to ${connection.label} closed`)));
    this.exitListeners.push(() => stopListening());
  }

  write(data: string): void {
    if (!this.exited) this.channel.write(data);
  }

  resize({ cols, rows }: PtySize): void {
    if (!this.exited) this.channel.setWindow(rows, cols, 0, 0);
  }

  pause(): void {
    this.channel.pause();
  }

  resume(): void {
    this.channel.resume();
  }

  close(): void {
    if (!this.exited) this.channel.close();
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.channel.on('data', listener);
    this.channel.stderr.on('data', listener);
  }

  onExit(listener: (exit: PtyExit) => void): void {
    this.exitListeners.unshift(listener);
  }

  private finish(lost: ConsoleError | null): void {
    if (this.exited) return;
    this.exited = true;
    this.release();
    const exit: PtyExit = { code: lost ? null : this.exitCode, signal: lost ? null : this.exitSignal, lost };
    for (const listener of this.exitListeners) listener(exit);
  }
}

/**
 * On abort: SIGINT to the remote command (sshd passes it on; ping prints its statistics), then
 * the channel is closed if it is still open after the grace period. Returns the cleanup.
 */
function stopOnAbort(signal: AbortSignal, channel: ClientChannel): () => void {
  let cutOff: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    try {
      channel.signal('INT');
    } catch {
      // A server that refuses signals is stopped by closing the channel below.
    }
    cutOff = setTimeout(() => channel.close(), STOP_GRACE_MS);
  };
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return () => {
    signal.removeEventListener('abort', stop);
    if (cutOff) clearTimeout(cutOff);
  };
}

/** A terminal that did not open because the connection's terminals hold all the slots they may. */
export class TerminalSlotsTaken extends ConsoleError {
  constructor(message: string) {
    super('command-failed', message);
  }
}

/** The server refused to open a channel (often: its session limit, for a moment). */
class ChannelRefused extends Error {
  constructor(readonly failure: ConsoleError) {
    super(failure.message);
  }
}

function toSsh2Auth(attempt: AuthAttempt, username: string) {
  return attempt.type === 'agent' ? { type: 'agent', username, agent: attempt.agent } : { type: 'publickey', username, key: attempt.key };
}

function preferKnown(knownTypes: string[]): ServerHostKeyAlgorithm[] {
  const all = [...SERVER_HOST_KEY_ALGORITHMS];
  const known = all.filter((algorithm) => knownTypes.includes(algorithm) || (algorithm.startsWith('rsa-sha2') && knownTypes.includes('ssh-rsa')));
  return [...known, ...all.filter((algorithm) => !known.includes(algorithm))];
}

const abbreviate = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);
