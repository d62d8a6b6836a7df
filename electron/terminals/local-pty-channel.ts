// A program under a local pseudo-terminal (node-pty), as a PtyChannel. node-pty is loaded only
// when a local terminal is opened: its native module is not needed for anything else.
import type { PtyChannel, PtyExit, PtySize } from './pty-channel';
import { TERMINAL_TYPE } from './pty-channel';
import { ConsoleError } from '../contract/console-errors';

type NodePty = typeof import('node-pty');

export async function openLocalPty(argv: readonly string[] | null, size: PtySize): Promise<PtyChannel> {
  let pty: NodePty;
  try {
    const loaded = (await import('node-pty')) as NodePty & { default?: NodePty };
    pty = loaded.default ?? loaded;
  } catch (error) {
    throw new ConsoleError('command-failed', `local terminals need node-pty, which did not load (${(error as Error).message}); run \`npm rebuild node-pty\``);
  }
  const [program, ...args] = argv ?? [process.env.SHELL || '/bin/sh', '-l'];
  let child;
  try {
    child = pty.spawn(program!, args, {
      name: TERMINAL_TYPE,
      cols: size.cols,
      rows: size.rows,
      cwd: process.env.HOME,
      env: { ...process.env, TERM: TERMINAL_TYPE } as Record<string, string>,
    });
  } catch (error) {
    throw new ConsoleError('command-failed', `${program} could not start here: ${(error as Error).message}`);
  }
  const exitListeners: ((exit: PtyExit) => void)[] = [];
  let exited = false;
  child.onExit(({ exitCode, signal }) => {
    exited = true;
    for (const listener of exitListeners) listener({ code: exitCode, signal: signal ? String(signal) : null, lost: null });
  });
  return {
    write: (data) => {
      if (!exited) child.write(data);
    },
    resize: ({ cols, rows }) => {
      if (!exited) child.resize(cols, rows);
    },
    pause: () => child.pause(),
    resume: () => child.resume(),
    close: () => {
      if (!exited) child.kill();
    },
    onData: (listener) => {
      child.onData((text) => listener(Buffer.from(text, 'utf8')));
    },
    onExit: (listener) => {
      exitListeners.push(listener);
    },
  };
}
