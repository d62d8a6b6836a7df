// The diagnostics requests: pings and reachability matrices run in the core from the lab session's
// machines (a session that is not live, a snapshot, refuses them with its reason), and the latest
// run of each, which a snapshot shows as it recorded them.
import { ConsoleError } from '../contract/console-errors';
import type { LatestPingRuns, PingRunUpdate } from '../contract/diagnostics';
import { PingRuns } from '../diagnostics/ping-runs';
import type { LabSession } from '../lab/lab-session';
import type { RequestHandlers } from './request-dispatcher';

type DiagnosticsRequests = 'diagnostics.ping' | 'diagnostics.matrix' | 'diagnostics.stop' | 'diagnostics.latest';

export interface DiagnosticsHandlerOptions {
  /** The lab shown now (live or a snapshot), or null when none is connected. */
  session(): LabSession | null;
  /** The runs the snapshot shown recorded; null for a live lab (its own runs are shown). */
  recordedRuns(): LatestPingRuns | null;
  onUpdate(update: PingRunUpdate): void;
}

export function createDiagnosticsHandlers(options: DiagnosticsHandlerOptions): { pings: PingRuns; handlers: Pick<RequestHandlers, DiagnosticsRequests> } {
  const pings = new PingRuns({
    transportFor: (machineId) => {
      const session = options.session();
      if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected; connect it, then ping again');
      return session.transportFor(machineId);
    },
    nameOf: (machineId) => options.session()?.nameOf(machineId) ?? `machine ${machineId}`,
    onUpdate: options.onUpdate,
  });

  const requireLab = () => {
    const session = options.session();
    if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected: connect first, then ping');
    session.requireLive('pinging');
  };

  return {
    pings,
    handlers: {
      'diagnostics.ping': ({ source, targets, ...timing }) => {
        requireLab();
        return pings.start('ping', [source], targets, timing);
      },

      'diagnostics.matrix': ({ sources, targets, ...timing }) => {
        requireLab();
        return pings.start('matrix', sources, targets, timing);
      },

      'diagnostics.stop': ({ runId }) => {
        pings.stop(runId);
        return null;
      },

      'diagnostics.latest': () => options.recordedRuns() ?? pings.latest,
    },
  };
}
