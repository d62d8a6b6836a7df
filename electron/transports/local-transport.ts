// A lab (or a lab machine) on this very computer: commands run as child processes, with the
// same result shape, limits and messages as over SSH.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ConsoleError } from '../contract/console-errors';
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_BYTES, STOP_GRACE_MS } from '../ssh/ssh-connection';
import { OutputBuffer } from '../ssh/output-buffer';
import type { CommandOptions, CommandResult, CommandTransport } from './command-transport';
import type { PtyChannel, PtySize } from '../terminals/pty-channel';
import { openLocalPty } from '../terminals/local-pty-channel';

export class LocalTransport implements CommandTransport {
  readonly kind = 'local' as const;
  readonly label = 'this computer';
  readonly isOpen = true;

  run(argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
    const [program, ...args] = argv;
    if (!program) return Promise.reject(new ConsoleError('invalid-payload', 'an empty command cannot be run'));
    const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      // No shell: argv goes to the program as it is.
      const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const stdout = new OutputBuffer(maxBytes);
      const stderr = new OutputBuffer(maxBytes);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
      }, timeoutMs);
      const decoder = options.onStdout ? new StringDecoder('utf8') : null;
      let cutAtLimit = false;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout.add(chunk);
        if (decoder) options.onStdout?.(decoder.write(chunk));
        // Past the limit nothing more is kept: the program is stopped rather than read to its end.
        if (stdout.truncated && !cutAtLimit) {
          cutAtLimit = true;
          child.kill('SIGTERM');
          child.stdout.destroy();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
      // Stopping: SIGINT first (ping prints its statistics), SIGKILL if it lingers. A grandchild
      // left holding the pipes (a shell's `sleep`) must not keep the result waiting: they close too.
      let cutOff: ReturnType<typeof setTimeout> | null = null;
      const stop = () => {
        child.kill('SIGINT');
        cutOff = setTimeout(() => {
          child.kill('SIGKILL');
          child.stdout.destroy();
          child.stderr.destroy();
        }, STOP_GRACE_MS);
      };
      if (options.signal?.aborted) stop();
      else options.signal?.addEventListener('abort', stop, { once: true });
      const forgetStop = () => {
        options.signal?.removeEventListener('abort', stop);
        if (cutOff) clearTimeout(cutOff);
      };
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        forgetStop();
        reject(new ConsoleError('command-failed', error.code === 'ENOENT' ? `${program} is not installed on this computer` : `${program} could not start: ${error.message}`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        forgetStop();
        const rest = decoder?.end();
        if (rest) options.onStdout?.(rest);
        if (timedOut) {
          reject(new ConsoleError('command-timeout', `\`${argv.join(' ').slice(0, 80)}\` on this computer did not finish within ${timeoutMs / 1000} s; it was stopped`));
          return;
        }
        const text = stdout.text();
        resolve({ exitCode: code, signal, stdout: text.value, stderr: stderr.text().value, truncated: stdout.truncated || stderr.truncated, invalidUtf8: text.invalid, durationMs: performance.now() - started });
      });
      if (options.stdin !== undefined) child.stdin.end(options.stdin);
      else child.stdin.end();
    });
  }

  openPty(argv: readonly string[] | null, size: PtySize): Promise<PtyChannel> {
    return openLocalPty(argv, size);
  }

  /** Local ptys have no per-connection limit. */
  readonly roomForTerminal = true;

  close(): void {}
}
