// The terminals requests: where each terminal's shell opens (this computer, or a machine of the lab
// over the lab session's route) and everything the page does with a terminal once it is open. A
// session that is not live (a snapshot) refuses a terminal on the lab with its reason.
import { hostname } from 'node:os';
import { ConsoleError } from '../contract/console-errors';
import { CONTROLLER_MACHINE_ID } from '../contract/inventory';
import type { TerminalTarget } from '../contract/terminals';
import type { LabSession } from '../lab/lab-session';
import type { PtySize } from '../terminals/pty-channel';
import { expandHome } from '../ssh-config/ssh-config-file';
import { TerminalManager, type TerminalManagerOptions } from '../terminals/terminal-manager';
import { terminalCommand, terminalTitle } from '../terminals/terminal-targets';
import { LocalTransport } from '../transports/local-transport';
import type { RequestHandlers } from './request-dispatcher';

type TerminalRequests =
  | 'terminals.open'
  | 'terminals.list'
  | 'terminals.attach'
  | 'terminals.input'
  | 'terminals.resize'
  | 'terminals.ack'
  | 'terminals.reconnect'
  | 'terminals.close'
  | 'terminals.record'
  | 'terminals.setBroadcast'
  | 'terminals.exportText';

export type TerminalHandlerOptions = Omit<TerminalManagerOptions, 'resolve'> & {
  /** The lab shown now (live or a snapshot), or null when none is connected. */
  session(): LabSession | null;
  /** Who terminals on the lab's machines log in as (the saved lab's controller user). */
  labUser(): string;
};

export function createTerminalHandlers(options: TerminalHandlerOptions): { terminals: TerminalManager; handlers: Pick<RequestHandlers, TerminalRequests> } {
  const resolve = async (target: TerminalTarget) => {
    if (target.kind === 'local') {
      return { title: terminalTitle(target, hostname()), open: (size: PtySize) => new LocalTransport().openPty(null, size) };
    }
    const shown = options.session();
    const runsOn = target.kind === 'juju-ssh' ? CONTROLLER_MACHINE_ID : target.machineId;
    if (!shown) throw new ConsoleError('ssh-disconnected', 'connect to the lab first: this terminal runs on one of its machines');
    shown.requireLive(`a terminal (${terminalTitle(target, shown.nameOf(runsOn))})`);
    const command = target.kind === 'juju-ssh' ? ['juju', 'ssh', '--pty=true', target.machineId] : terminalCommand(target, options.labUser());
    return {
      title: terminalTitle(target, shown.nameOf(runsOn)),
      // Resolved at each (re)open: the lab may have been reconnected since the terminal opened.
      open: async (size: PtySize) => {
        const session = options.session();
        if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected; connect it, then press Enter here');
        return session.openShell(runsOn, command, size);
      },
    };
  };
  const terminals = new TerminalManager({ ...options, resolve });

  return {
    terminals,
    handlers: {
      'terminals.open': ({ target, cols, rows }) => terminals.open(target, { cols, rows }),

      'terminals.list': () => terminals.list(),

      'terminals.attach': async ({ id }) => {
        const session = terminals.get(id);
        const screen = await session.attach();
        return { info: session.info, screen };
      },

      'terminals.input': ({ id, data }) => {
        terminals.input(id, data);
        return null;
      },

      'terminals.resize': ({ id, cols, rows }) => {
        terminals.get(id).resize({ cols, rows });
        return null;
      },

      'terminals.ack': ({ id, chars }) => {
        terminals.get(id).acknowledge(chars);
        return null;
      },

      'terminals.reconnect': ({ id }) => terminals.reconnect(id),

      'terminals.close': async ({ id }) => {
        await terminals.close(id);
        return null;
      },

      'terminals.record': async ({ id, path, input }) => {
        const session = terminals.get(id);
        if (path === null) {
          await session.stopRecording();
          return session.info;
        }
        // Only .cast files: a recording must never overwrite ~/.bashrc or a key by a typo.
        if (!path.endsWith('.cast')) throw new ConsoleError('invalid-payload', 'a recording is saved as an asciicast file: give a path ending in .cast');
        // What is typed only when asked for this recording (a password at a prompt is input).
        session.startRecording(expandHome(path), { input });
        return session.info;
      },

      'terminals.setBroadcast': ({ ids }) => terminals.setBroadcast(ids),

      'terminals.exportText': ({ id }) => terminals.get(id).text(),
    },
  };
}
