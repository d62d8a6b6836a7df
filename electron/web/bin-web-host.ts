// Entry point of `npm run web` (bundled to dist/node/web-host.js).
import { runWebHost } from './start-web-host';
import { exitAfterOutput } from '../cli/exit-after-output';

runWebHost(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    console.error(`orangebox-console web: ${error instanceof Error ? error.message : String(error)}`);
    exitAfterOutput(1);
  },
);
