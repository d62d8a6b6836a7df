// Entry point of the `orangebox-console` command (bundled to dist/node/cli.js).
import { runCli } from './cli';
import { exitAfterOutput } from './exit-after-output';

runCli(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    console.error(`orangebox-console: ${error instanceof Error ? error.message : String(error)}`);
    exitAfterOutput(1);
  },
);
