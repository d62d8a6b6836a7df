// Where the console core runs, and what the page is told when it stops. In the desktop app the
// core (SSH, terminals and their replay buffers, parsing, inventory) runs in its own process, so a
// long parse never stalls a window; Electron's main process only relays. If that process ends
// unasked, its shells end with it: the page says so and offers to start the core again.
export type CoreStatus =
  | { state: 'running' }
  | {
      state: 'stopped';
      /** The core process's exit code, when it exited by itself. */
      exitCode: number | null;
      /** The signal that ended it (SIGKILL from the OOM killer, SIGSEGV), when one did. */
      signal: string | null;
      /** The terminals that were open in it: their shells ended with it. */
      terminalsLost: number;
      /** One sentence for the page: what stopped, how, and what was lost. */
      message: string;
      at: string;
    };

export const RUNNING: CoreStatus = { state: 'running' };

/** How the core process ended, in words: "exit code 1", "signal SIGKILL". */
export function describeCoreExit(exitCode: number | null, signal: string | null): string {
  if (signal) return `signal ${signal}`;
  return exitCode === null ? 'no exit code' : `exit code ${exitCode}`;
}

/** "the console's core stopped (signal SIGKILL); its 2 terminals were lost. Restart it to go on." */
export function coreStoppedMessage(exitCode: number | null, signal: string | null, terminalsLost: number): string {
  const lost =
    terminalsLost === 0
      ? 'no terminal was open'
      : terminalsLost === 1
        ? 'its terminal was lost (its shell ended with it)'
        : `its ${terminalsLost} terminals were lost (their shells ended with it)`;
  return `the console's core stopped (${describeCoreExit(exitCode, signal)}); ${lost}. Restart it to go on: saved labs and settings are kept.`;
}

export function stoppedStatus(exitCode: number | null, signal: string | null, terminalsLost: number): CoreStatus {
  return { state: 'stopped', exitCode, signal, terminalsLost, message: coreStoppedMessage(exitCode, signal, terminalsLost), at: new Date().toISOString() };
}
