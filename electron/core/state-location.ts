import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the browser host and the CLI keep saved labs and settings (the app uses electron-store). */
export function defaultStateFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ORANGEBOX_CONSOLE_STATE) return env.ORANGEBOX_CONSOLE_STATE;
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'orangebox-console', 'console-state.json');
}
