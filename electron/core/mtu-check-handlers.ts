// The path MTU check's requests: a check runs in the core from one of the lab session's ping
// sources (a session that is not live, a snapshot, refuses with its reason), Stop ends it with what
// it found, and the latest check is shown again to a page that reloads (a snapshot shows none).
import { ConsoleError } from '../contract/console-errors';
import type { LabInventory } from '../contract/inventory';
import type { MtuCheckProgress } from '../contract/mtu-check';
import { MtuChecks } from '../diagnostics/mtu-checks';
import type { LabSession } from '../lab/lab-session';
import type { RequestHandlers } from './request-dispatcher';

type MtuCheckRequests = 'diagnostics.mtuCheck' | 'diagnostics.mtuStop' | 'diagnostics.mtuLatest';

export interface MtuCheckHandlerOptions {
  /** The lab shown now (live or a snapshot), or null when none is connected. */
  session(): LabSession | null;
  /** The inventory the interfaces along the path are read from. */
  inventory(): LabInventory | null;
  onProgress(progress: MtuCheckProgress): void;
}

export function createMtuCheckHandlers(options: MtuCheckHandlerOptions): { checks: MtuChecks; handlers: Pick<RequestHandlers, MtuCheckRequests> } {
  const checks = new MtuChecks({
    transportFor: (machineId) => {
      const session = options.session();
      if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected; connect it, then check again');
      return session.transportFor(machineId);
    },
    nameOf: (machineId) => options.session()?.nameOf(machineId) ?? `machine ${machineId}`,
    inventory: options.inventory,
    onProgress: options.onProgress,
  });

  return {
    checks,
    handlers: {
      'diagnostics.mtuCheck': ({ source, target }) => {
        const session = options.session();
        if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected: connect first, then check the path MTU');
        session.requireLive('checking a path MTU');
        return checks.start(source, target);
      },

      'diagnostics.mtuStop': ({ checkId }) => {
        checks.stop(checkId);
        return null;
      },

      'diagnostics.mtuLatest': () => (options.session()?.live ? checks.latest : null),
    },
  };
}
