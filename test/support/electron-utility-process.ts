// Electron's utilityProcess for the Electron stand-in (electron-stub.ts), played by Node's
// child_process.fork: main.ts starts the real core entry in a real child process, in the unit
// tests (from the sources: the stand-in's module hooks compile it) and against the built bundle.
import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Every utility process started (the core's), alive or ended: tests end them by their pid. */
export const forkedUtilityProcesses: UtilityProcess[] = [];

/** Where the stand-in's module hooks are registered: a forked TypeScript entry (main.ts run from its sources) needs them. */
const REGISTER_HOOKS = fileURLToPath(new URL('./electron-stand-in-register.mjs', import.meta.url));
/** Shells use 128 + the signal's number as the exit code of a process a signal ended; so does the stand-in, as Electron reports a code only. */
const SIGNAL_EXIT_BASE = 128;

/** A utility process as Electron's utilityProcess.fork returns it (postMessage, message, exit), backed by a real Node child. */
export class UtilityProcess {
  readonly child: ChildProcess;
  constructor(readonly modulePath: string, args: string[], options: { serviceName?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = fork(modulePath, args, {
      // Electron's ports carry structured clones; so does Node's IPC channel in its advanced mode.
      serialization: 'advanced',
      execArgv: modulePath.endsWith('.ts') ? ['--import', REGISTER_HOOKS] : [],
      env: options.env ?? process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('error', () => {});
    forkedUtilityProcesses.push(this);
  }
  get pid() {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }
  postMessage(message: unknown) {
    if (this.child.connected) this.child.send(message as Serializable);
  }
  on(event: string, listener: (...args: never[]) => void) {
    const call = listener as (...args: unknown[]) => void;
    if (event === 'exit') this.child.on('exit', (code, signal) => call(code ?? SIGNAL_EXIT_BASE + (signal ? osConstants.signals[signal] : 0)));
    else this.child.on(event, call);
    return this;
  }
  kill() {
    return this.child.kill();
  }
}

export const utilityProcess = {
  fork: (modulePath: string, args: string[] = [], options: { serviceName?: string; env?: NodeJS.ProcessEnv } = {}) => new UtilityProcess(modulePath, args, options),
};
