// Entry point of `npm run web` (bundled to dist/node/web-host.js).
import { runWebHost } from './start-web-host';

runWebHost(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`orangebox-console web: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
