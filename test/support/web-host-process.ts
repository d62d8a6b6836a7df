// Runs the built browser host (`node dist/node/web-host.js`) as its own process, as `npm run web`
// does, and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WEB_HOST_ENTRY = fileURLToPath(new URL('../../dist/node/web-host.js', import.meta.url));
/** The host prints its URL within a second; 20 s means it is broken, not slow. */
const STARTUP_TIMEOUT_MS = 20_000;

export interface WebHostProcess {
  url: string;
  urlWithToken: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** `launcher`: an argv prefix the host runs under (`ip netns exec <namespace>`), none by default. */
export function startWebHostProcess(args: string[], env: NodeJS.ProcessEnv, launcher: string[] = []): Promise<WebHostProcess> {
  const [command, ...commandArgs] = [...launcher, process.execPath, WEB_HOST_ENTRY, ...args];
  const child = spawn(command!, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the browser host printed no URL within ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser host exited with ${code}:\n${output}`));
    });
    child.stdout.on('data', () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1]!, urlWithToken: match[0], child, output: () => output, stop });
    });
  });
}
