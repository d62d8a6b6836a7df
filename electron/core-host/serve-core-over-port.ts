// The core process's side: waits for main's start message, builds the core, then answers the
// contract's requests, forwards its streams and its terminal count, and closes it when main asks
// (or when main is gone). Used by core-process-entry.ts, in Electron and in tests alike.
import type { ConsoleCore } from '../core/console-core';
import type { SecretVault } from '../ssh/secret-vault';
import type { CorePort } from './core-port';
import { isMainToCore, type CoreProcessOptions, type MainToCore, type VaultOperation } from './core-host-messages';

export type ServableCore = Pick<ConsoleCore, 'dispatch' | 'streams' | 'openTerminalCount' | 'notify' | 'close'>;

export type CoreBuilder = (options: CoreProcessOptions, secretVault: SecretVault | null) => Promise<ServableCore>;

/** Serves the core `build` makes over `port`; `ended` is called once it has closed (main asked, or went away). */
export function serveCoreOverPort(port: CorePort, build: CoreBuilder, ended: () => void): void {
  let core: Promise<ServableCore> | null = null;
  let lastCount = 0;
  let closing: Promise<void> | null = null;
  const vault = vaultOverPort(port);

  const reportCount = (served: ServableCore) => {
    const count = served.openTerminalCount();
    if (count === lastCount) return;
    lastCount = count;
    port.post({ type: 'terminal-count', count });
  };

  const start = (options: CoreProcessOptions) => {
    core = build(options, options.secretVault ? vault.vault : null);
    core.then(
      (served) => {
        served.streams.attach((stream, payload) => {
          port.post({ type: 'stream', stream, payload });
          if (stream === 'terminal.info' || stream === 'terminal.closed') reportCount(served);
        });
        port.post({ type: 'ready' });
      },
      (error: unknown) => port.post({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const served = await core?.catch(() => null);
      await served?.close();
      port.post({ type: 'closed' });
      ended();
    })();
    return closing;
  };

  const handle = async (message: MainToCore) => {
    switch (message.type) {
      case 'start':
        if (!core) start(message.options);
        return;
      case 'request': {
        if (!core) return port.post({ type: 'outcome', id: message.id, outcome: { ok: false, error: { code: 'internal', message: 'the core process was asked before it was started' } } });
        const served = await core;
        const outcome = await served.dispatch(message.name, message.params);
        port.post({ type: 'outcome', id: message.id, outcome });
        reportCount(served);
        return;
      }
      case 'notify':
        (await core)?.notify(message.level, message.code, message.message);
        return;
      case 'close':
        return close();
      case 'vault-answer':
        vault.answer(message);
        return;
    }
  };

  port.onMessage((message) => {
    if (!isMainToCore(message)) return console.error('the core process dropped a message of an unknown kind from main');
    void handle(message).catch((error: unknown) => console.error('the core process failed to handle a message from main:', error));
  });
  port.onParentGone(() => void close());
}

/** The passphrase vault main keeps (safeStorage exists in main only), reached over the port. */
function vaultOverPort(port: CorePort) {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: string | null) => void; reject: (error: Error) => void }>();
  const call = (operation: VaultOperation) =>
    new Promise<string | null>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      port.post({ type: 'vault-call', id, ...operation });
    });
  const vault: SecretVault = {
    load: (name) => call({ op: 'load', name }),
    save: async (name, secret) => void (await call({ op: 'save', name, secret })),
    forget: async (name) => void (await call({ op: 'forget', name })),
  };
  const answer = (message: Extract<MainToCore, { type: 'vault-answer' }>) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.message));
  };
  return { vault, answer };
}
