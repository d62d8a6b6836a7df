// Entry point of the `orangebox-console` command (bundled to dist/node/cli.js).
import { runCli } from './cli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`orangebox-console: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
