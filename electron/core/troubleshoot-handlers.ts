// The path analysis requests (issue 13 §1): analyse works from the inventory shown (live or a
// snapshot, it runs no command); a test reads counters, traces br-int and pings from the source,
// so it needs a live lab (a snapshot refuses with its reason); the latest test is shown again to a
// page that reloads.
import { ConsoleError } from '../contract/console-errors';
import type { LabInventory } from '../contract/inventory';
import type { PathTestProgress } from '../contract/troubleshoot';
import type { LabSession } from '../lab/lab-session';
import { derivePath } from '../troubleshoot/derive-path';
import { PathTests } from '../troubleshoot/path-test-runs';
import type { RequestHandlers } from './request-dispatcher';

type TroubleshootRequests = 'troubleshoot.analyse' | 'troubleshoot.test' | 'troubleshoot.stop' | 'troubleshoot.latest';

export interface TroubleshootHandlerOptions {
  session(): LabSession | null;
  /** The inventory shown (a snapshot's, or the live lab's latest). */
  inventory(): LabInventory | null;
  onProgress(progress: PathTestProgress): void;
}

export function createTroubleshootHandlers(options: TroubleshootHandlerOptions): { tests: PathTests; handlers: Pick<RequestHandlers, TroubleshootRequests> } {
  const tests = new PathTests({
    inventory: options.inventory,
    run: async (machineId, argv, runOptions) => {
      const session = options.session();
      if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected; connect it, then test again');
      return session.run(machineId, argv, runOptions);
    },
    nameOf: (machineId) => options.session()?.nameOf(machineId) ?? `machine ${machineId}`,
    onProgress: options.onProgress,
  });
  const requireInventory = (): LabInventory => {
    const inventory = options.inventory();
    if (!inventory) throw new ConsoleError('ssh-disconnected', 'no lab has been read yet: connect (or open a snapshot), then analyse the path');
    return inventory;
  };

  return {
    tests,
    handlers: {
      'troubleshoot.analyse': ({ source, target }) => derivePath(requireInventory(), source, target),

      'troubleshoot.test': ({ source, target, count }) => {
        const session = options.session();
        if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected: connect first, then test the path');
        session.requireLive('testing a path with ping and counters');
        requireInventory();
        return tests.start(source, target, count);
      },

      'troubleshoot.stop': ({ runId }) => {
        tests.stop(runId);
        return null;
      },

      'troubleshoot.latest': () => (options.session()?.live ? tests.latest : null),
    },
  };
}
