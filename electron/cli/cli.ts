// orangebox-console: the core under plain Node, no Electron.
import { APP_NAME, APP_VERSION } from '../core/app-identity';
import { runWebHost, WEB_HOST_OPTIONS } from '../web/start-web-host';
import { runParseCommand } from './parse-command';
import { INVENTORY_EXIT_STATUS, INVENTORY_OPTIONS, runInventoryCommand } from './inventory-command';
import { CHECK_EXIT_STATUS, runCheckCommand } from './check-command';
import { runSnapshotCommand, SNAPSHOT_CAPTURE_OPTIONS, SNAPSHOT_EXIT_STATUS } from './snapshot-command';
import { SNAPSHOT_DIFF_EXIT_STATUS, SNAPSHOT_DIFF_OPTIONS } from './snapshot-diff-command';
import { SNAPSHOT_EXPORT_EXIT_STATUS, SNAPSHOT_EXPORT_OPTIONS } from './snapshot-export-command';

const USAGE = `${APP_NAME} ${APP_VERSION}: operator console for OpenStack-on-LXD labs (OrangeBoxes)

Usage: orangebox-console <command> [options]

Commands:
  web [options]             serve the console to a browser on 127.0.0.1
  inventory <controller> [options]
                            run every probe on a live lab and print the inventory
  check <controller> [options]
                            run the health checks over a live lab (or --snapshot FILE)
                            and print each finding with the command that shows it
  snapshot capture <controller> -o FILE [options]
                            read a live lab once and write a snapshot file
                            (what every command printed, secrets masked)
  snapshot diff A B [--json]
                            what changed in the lab between snapshots A and B
  snapshot export SNAPSHOT|<controller> -o BUNDLE [--obfuscate]
                            a support bundle: secrets masked, a README inside,
                            addresses/hostnames/MACs replaced with --obfuscate
  parse <kind> [file|-]     print the normalized JSON of one command output
                            (orangebox-console parse --help lists the kinds)
  help                      show this help

web options:
${WEB_HOST_OPTIONS}

inventory options (<controller> is [user@]host[:port] or a ~/.ssh/config Host):
${INVENTORY_OPTIONS}
  inventory exit status: ${INVENTORY_EXIT_STATUS.replace(/\n\s+/, '\n                         ')}

check options: those of inventory (--json prints the health report)
  check exit status: ${CHECK_EXIT_STATUS.replace(/\n\s+/g, '\n                     ')}

snapshot capture options:
${SNAPSHOT_CAPTURE_OPTIONS}
  snapshot capture exit status: ${SNAPSHOT_EXIT_STATUS.replace(/\n\s+/g, '\n                         ')}

snapshot diff options:
${SNAPSHOT_DIFF_OPTIONS}
  snapshot diff exit status: ${SNAPSHOT_DIFF_EXIT_STATUS.replace(/\n\s+/g, '\n                         ')}

snapshot export options:
${SNAPSHOT_EXPORT_OPTIONS}
  snapshot export exit status: ${SNAPSHOT_EXPORT_EXIT_STATUS.replace(/\n\s+/g, '\n                         ')}

Options:
  -h, --help                show this help (also: orangebox-console <command> --help)
  -V, --version             print the version`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-V' || command === 'version') {
    console.log(APP_VERSION);
    return 0;
  }
  if (command === 'web') return runWebHost(rest);
  if (command === 'parse') return runParseCommand(rest);
  if (command === 'inventory') return runInventoryCommand(rest);
  if (command === 'check') return runCheckCommand(rest);
  if (command === 'snapshot') return runSnapshotCommand(rest);
  console.error(`orangebox-console: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}
