// The live SSH link to one lab's controller: opens the route (jump hosts, then the controller),
// reports its state, and after a drop reconnects with backoff until told to stop. Failures that
// need a person (a refused key, a changed host key) stop the retries and say why.
import type { ConnectionPhase, SavedLab } from '../contract/payloads';
import { ConsoleError } from '../contract/console-errors';
import { SshConnection, type HostKeyPolicy } from '../ssh/ssh-connection';
import type { PassphraseSource } from '../ssh/ssh-auth';
import { routeToController, type HostResolver } from './controller-route';
import { localController, sshController, type LabController } from './lab-controller';
import { LocalTransport } from '../transports/local-transport';

/** First retry soon (a blip), then doubling, never slower than every 30 s. */
const RECONNECT_FIRST_DELAY_MS = 1000;
const RECONNECT_MAX_DELAY_MS = 30_000;
/** Errors a retry cannot fix. */
const NEEDS_A_PERSON: ReadonlySet<string> = new Set(['ssh-auth-refused', 'ssh-host-key-changed', 'ssh-host-key-unknown', 'invalid-payload']);

export interface LabLinkState {
  phase: ConnectionPhase;
  detail: string;
}

export interface LabLinkOptions {
  hostKeys: HostKeyPolicy;
  passphrases: PassphraseSource;
  resolveHost: HostResolver;
  agentSocket: string | null;
  onState: (state: LabLinkState) => void;
}

export class LabLink {
  private hops: SshConnection[] = [];
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = RECONNECT_FIRST_DELAY_MS;
  /** Bumped on every (re)connect: a close from an older route is not a drop of this one. */
  private generation = 0;

  constructor(
    readonly lab: SavedLab,
    private readonly options: LabLinkOptions,
  ) {}

  /** The key files that opened the controller (and whether only they may be offered), reused for the lab's machines. */
  identityFiles: string[] | null = null;
  identitiesOnly = false;

  private current: LabController | null = null;

  /** The controller, once reachable. */
  get controller(): LabController | null {
    return this.current?.transport.isOpen ? this.current : null;
  }

  /** Opens the route; resolves once connected, rejects with a ConsoleError when it cannot. */
  async connect(): Promise<LabController> {
    this.stopped = false;
    if (this.lab.controller.kind === 'local') return this.connectLocally();
    this.options.onState({ phase: 'connecting', detail: `${this.endpointLabel()}…` });
    const generation = ++this.generation;
    try {
      const controller = await this.openRoute();
      this.current = sshController(controller);
      this.retryDelay = RECONNECT_FIRST_DELAY_MS;
      const name = await controller.exec(['hostname'], { timeoutMs: 10_000 }).then((result) => result.stdout.trim()).catch(() => '');
      this.options.onState({ phase: 'connected', detail: `${controller.label}${name ? ` (${name})` : ''}${this.viaLabel()}` });
      controller.onClose((reason) => {
        if (generation === this.generation) this.onDrop(reason);
      });
      return this.current;
    } catch (error) {
      const failure = error instanceof ConsoleError ? error : new ConsoleError('ssh-disconnected', String(error));
      this.options.onState({ phase: 'failed', detail: failure.message });
      throw failure;
    }
  }

  /** A lab whose controller is this computer: nothing to connect, machines are reached directly. */
  private async connectLocally(): Promise<LabController> {
    this.current = localController();
    const name = await new LocalTransport().run(['hostname'], { timeoutMs: 10_000 }).then((result) => result.stdout.trim()).catch(() => '');
    this.identityFiles = this.lab.controller.identityFile ? [this.lab.controller.identityFile] : null;
    this.options.onState({ phase: 'connected', detail: `this computer${name ? ` (${name})` : ''}: machines as ${this.lab.controller.user}` });
    return this.current;
  }

  disconnect(): void {
    this.stopped = true;
    this.generation += 1;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.closeHops();
  }

  private async openRoute(): Promise<SshConnection> {
    this.closeHops();
    const route = await routeToController(this.lab, this.options.resolveHost);
    this.identityFiles = route.at(-1)?.identityFiles ?? null;
    this.identitiesOnly = route.at(-1)?.identitiesOnly ?? false;
    let via: SshConnection | undefined;
    for (const hop of route) {
      const connection = await SshConnection.open(hop.target, {
        auth: { identityFiles: hop.identityFiles, identitiesOnly: hop.identitiesOnly, agentSocket: this.options.agentSocket, passphrases: this.options.passphrases },
        hostKeys: this.options.hostKeys,
        ...(via ? { via } : {}),
      });
      this.hops.push(connection);
      via = connection;
    }
    return via!;
  }

  private onDrop(reason: ConsoleError | null): void {
    if (this.stopped) return;
    this.generation += 1;
    this.closeHops();
    const why = reason?.message ?? 'the connection closed';
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RECONNECT_MAX_DELAY_MS);
    this.options.onState({ phase: 'connecting', detail: `lost ${this.endpointLabel()} (${why}); reconnecting in ${Math.round(delay / 1000)} s` });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.connect().catch((error: ConsoleError) => {
        if (!this.stopped && !NEEDS_A_PERSON.has(error.code)) this.onDrop(error);
      });
    }, delay);
  }

  private closeHops(): void {
    for (const hop of this.hops.reverse()) hop.close();
    this.hops = [];
    this.current = null;
  }

  private endpointLabel(): string {
    const { user, host, port } = this.lab.controller;
    return `${user}@${host}:${port}`;
  }

  private viaLabel(): string {
    return this.hops.length > 1 ? ` via ${this.hops.slice(0, -1).map((hop) => hop.label).join(' → ')}` : '';
  }
}
