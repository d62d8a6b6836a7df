// Main's stand-in for the console core when the core runs in its own process: the same surface
// main used when the core ran inside it (dispatch, streams, terminal count, notify, close), so the
// IPC wiring, the quit questions and snapshot launches are unchanged. Requests go to the core
// process and their outcomes come back; its streams are pushed to main's hub, which the windows
// listen to. Main answers `core.status` and `core.restart` itself, also while the core is busy or
// gone. If the process ends unasked, every window is told (core.status: stopped, how, and how many
// terminals were lost) and every request is answered `core-stopped` until core.restart.
import { StreamHub } from '../core/stream-hub';
import type { ConsoleCore } from '../core/console-core';
import type { RequestOutcome } from '../contract/console-contract';
import { RUNNING, stoppedStatus, type CoreStatus } from '../contract/core-process';
import type { NoticeLevel } from '../contract/payloads';
import type { SecretVault } from '../ssh/secret-vault';
import { CORE_CLOSE_LIMIT_MS } from '../shell/app-lifecycle';
import type { CoreChild } from './core-child';
import { isCoreToMain, type CoreProcessOptions, type CoreToMain } from './core-host-messages';

export interface RelayedCore extends Pick<ConsoleCore, 'dispatch' | 'streams' | 'openTerminalCount' | 'notify' | 'close'> {
  status(): CoreStatus;
  /** Starts the core's process again if it stopped; a running one is left as it is. */
  restart(): Promise<CoreStatus>;
  /** The running core process's id (for tests and logs). */
  pid(): number | undefined;
}

export interface CoreRelayOptions {
  /** Starts the core entry (Electron: utilityProcess.fork; tests: child_process.fork). */
  launch: () => CoreChild;
  options: CoreProcessOptions;
  /** Main's passphrase vault (safeStorage exists in main only), or null. */
  secretVault: SecretVault | null;
  report?: (message: string) => void;
}

interface RunningProcess {
  child: CoreChild;
  /** Settles once the core answered the start: built and serving, or failed to. */
  ready: Promise<void>;
  pending: Map<number, (outcome: RequestOutcome) => void>;
  exited: boolean;
  /** Resolves when the process has ended (or said it closed). */
  gone: Promise<void>;
}

const QUITTING = 'the console is quitting: its core has ended its terminals';
const stoppedOutcome = (message: string): RequestOutcome => ({ ok: false, error: { code: 'core-stopped', message } });

/** Starts the core's process and waits for it; a core that does not start is a stopped status the page shows, not a thrown error. */
export async function startCoreRelay(relay: CoreRelayOptions): Promise<RelayedCore> {
  const report = relay.report ?? ((message: string) => console.error(message));
  const streams = new StreamHub();
  let status: CoreStatus = RUNNING;
  let terminalCount = 0;
  let nextRequestId = 1;
  let closed = false;
  let current: RunningProcess | null = null;

  const whyStopped = () => (status.state === 'stopped' ? status.message : closed ? QUITTING : "the console's core has ended");
  const setStatus = (next: CoreStatus) => {
    status = next;
    streams.push('core.status', next);
  };

  const answerVault = async (child: CoreChild, call: Extract<CoreToMain, { type: 'vault-call' }>) => {
    try {
      const vault = relay.secretVault;
      if (!vault) throw new Error('no OS-encrypted store is available on this computer');
      const value = call.op === 'load' ? await vault.load(call.name) : call.op === 'save' ? (await vault.save(call.name, call.secret), null) : (await vault.forget(call.name), null);
      child.post({ type: 'vault-answer', id: call.id, ok: true, value });
    } catch (error) {
      child.post({ type: 'vault-answer', id: call.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const launch = (options: CoreProcessOptions): RunningProcess => {
    const child = relay.launch();
    let settleReady: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} };
    let markGone: () => void = () => {};
    const running: RunningProcess = {
      child,
      ready: new Promise<void>((resolve, reject) => (settleReady = { resolve, reject })),
      pending: new Map(),
      exited: false,
      gone: new Promise<void>((resolve) => (markGone = resolve)),
    };
    // A start that fails is said by the status, not by an unhandled rejection.
    running.ready.catch(() => {});
    child.onMessage((message) => {
      if (!isCoreToMain(message)) return report('main dropped a message of an unknown kind from the core process');
      switch (message.type) {
        case 'ready':
          return settleReady.resolve();
        case 'start-failed':
          return settleReady.reject(new Error(message.message));
        case 'outcome': {
          const resolve = running.pending.get(message.id);
          running.pending.delete(message.id);
          return resolve?.(message.outcome);
        }
        case 'stream':
          if (current === running) streams.push(message.stream as never, message.payload as never);
          return;
        case 'terminal-count':
          if (current === running) terminalCount = message.count;
          return;
        case 'closed':
          return markGone();
        case 'vault-call':
          return void answerVault(child, message);
      }
    });
    child.onExit((exitCode, signal) => {
      running.exited = true;
      markGone();
      settleReady.reject(new Error(`the core process ended while starting (${exitCode === null ? `signal ${signal}` : `exit code ${exitCode}`})`));
      if (current !== running) return;
      const lost = terminalCount;
      terminalCount = 0;
      if (!closed) {
        setStatus(stoppedStatus(exitCode, signal, lost));
        report(status.state === 'stopped' ? status.message : 'the core process ended');
      }
      for (const resolve of running.pending.values()) resolve(stoppedOutcome(whyStopped()));
      running.pending.clear();
    });
    child.post({ type: 'start', options });
    current = running;
    return running;
  };

  /** Waits for a (re)started process; if it does not come up, the status says why. */
  const awaitStart = async (running: RunningProcess): Promise<CoreStatus> => {
    try {
      await running.ready;
      if (status.state !== 'running') setStatus(RUNNING);
    } catch (error) {
      if (!running.exited) running.child.kill();
      const message = `the console's core did not start: ${error instanceof Error ? error.message : String(error)}. Restart it to try again.`;
      report(message);
      setStatus({ state: 'stopped', exitCode: null, signal: null, terminalsLost: 0, message, at: new Date().toISOString() });
    }
    return status;
  };

  const restart = async (): Promise<CoreStatus> => {
    if (closed) return status;
    if (current && !current.exited) {
      // Already running, or already starting again (a second click): the same start is awaited.
      return status.state === 'running' ? status : awaitStart(current);
    }
    // A snapshot named at launch was shown once; a restarted core opens what it would at any start.
    return awaitStart(launch({ ...relay.options, snapshotAtStart: null }));
  };

  const forward = async (name: string, params: unknown): Promise<RequestOutcome> => {
    const running = current;
    if (closed || !running) return stoppedOutcome(QUITTING);
    if (status.state === 'stopped') return stoppedOutcome(status.message);
    try {
      await running.ready;
    } catch {
      return stoppedOutcome(whyStopped());
    }
    if (running.exited) return stoppedOutcome(whyStopped());
    const id = nextRequestId++;
    return new Promise<RequestOutcome>((resolve) => {
      running.pending.set(id, resolve);
      running.child.post({ type: 'request', id, name, params });
    });
  };

  const dispatch = async (name: unknown, params: unknown): Promise<RequestOutcome> => {
    if (name === 'core.status') return { ok: true, result: status };
    if (name === 'core.restart') return { ok: true, result: await restart() };
    return forward(typeof name === 'string' ? name : String(name), params);
  };

  await awaitStart(launch(relay.options));

  return {
    dispatch,
    streams,
    status: () => status,
    restart,
    pid: () => (current && !current.exited ? current.child.pid : undefined),
    openTerminalCount: () => terminalCount,
    notify: (level: NoticeLevel, code: string, message: string) => {
      if (current && !current.exited) current.child.post({ type: 'notify', level, code, message });
    },
    close: async () => {
      closed = true;
      const running = current;
      if (!running || running.exited) return;
      running.child.post({ type: 'close' });
      // The lifecycle bounds the whole quit by the same limit; this one keeps a test's process tidy.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running.gone, new Promise<void>((resolve) => (timer = setTimeout(resolve, CORE_CLOSE_LIMIT_MS)))]);
      clearTimeout(timer);
      if (!running.exited) running.child.kill();
      terminalCount = 0;
    },
  };
}
