// The demo's steps from the console (issue 14 §4): `openstack.plan` works out the exact commands
// for a choice (kept a while under a plan id, for the confirmation), `openstack.run` runs a plan
// the engineer confirmed and streams its progress on openstack.progress, `openstack.created`
// lists what the console created in the lab shown. Commands run on the controller with the lab's
// credentials sourced, as the inventory's probes do. A snapshot (the demo lab too) runs nothing:
// it says why.
import { randomBytes } from 'node:crypto';
import { ConsoleError } from '../contract/console-errors';
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../contract/inventory';
import type { OpenStackActionPlan, OpenStackActionProgress, OpenStackCreated } from '../contract/openstack-actions';
import { findProbe, probeValue, type OpenStackListProbeKind } from '../contract/probe-models';
import type { LabSession } from '../lab/lab-session';
import { describeStep, PlanRefused, workOutPlan, type ActionStep, type OpenStackHoldings } from '../openstack-actions/openstack-action-plans';
import { runActionPlan, startingProgress } from '../openstack-actions/openstack-action-run';
import { describeCredential } from '../openstack/credential-choice';
import { explainOpenStackFailure, openstackArgv } from '../probes/definitions/openstack-command';
import type { RequestHandlers } from './request-dispatcher';

type OpenStackRequests = 'openstack.plan' | 'openstack.run' | 'openstack.created' | 'openstack.latest';

/** Long enough to read the commands and confirm; a plan older than this may no longer fit the lab. */
export const PLAN_VALID_MS = 15 * 60_000;
/** Plans kept at once: the engineer opens a dialog or two at a time. */
const MAX_KEPT_PLANS = 16;

export interface OpenStackActionHandlerOptions {
  session(): LabSession | null;
  inventory(): LabInventory | null;
  /** What the console created, every lab's (kept in the console's state). */
  created(): readonly OpenStackCreated[];
  saveCreated(next: OpenStackCreated[]): Promise<void>;
  onProgress(progress: OpenStackActionProgress): void;
  /** Read the lab again once a run ends, so what it made or deleted shows. */
  refresh(): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface KeptPlan {
  plan: OpenStackActionPlan;
  steps: ActionStep[];
  labId: string;
  madeAt: number;
}

export function createOpenStackActionHandlers(options: OpenStackActionHandlerOptions): Pick<RequestHandlers, OpenStackRequests> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const plans = new Map<string, KeptPlan>();
  /** The run going on per lab: one at a time, as an engineer would type them. */
  const running = new Map<string, OpenStackActionProgress>();
  /** Each lab's last run as far as it got (a page that reloads, or comes back to the lab, shows it). */
  const latest = new Map<string, OpenStackActionProgress>();

  const liveLab = () => {
    const session = options.session();
    if (!session) throw new ConsoleError('ssh-disconnected', 'the lab is not connected: connect it first, then run the demo steps');
    session.requireLive('running OpenStack commands');
    const links = options.inventory()?.links.openstack;
    if (!links) throw new ConsoleError('not-found', 'OpenStack has not been read in this lab yet: wait for the refresh to finish, then try again');
    if (links.unavailable || !links.credentials) throw new ConsoleError('command-failed', `OpenStack cannot be used from the console here: ${links.unavailable?.message ?? 'no credentials were chosen'}`);
    return { session, credentials: links.credentials };
  };
  const ownRecord = (labId: string) => options.created().filter((entry) => entry.labId === labId);

  return {
    'openstack.plan': (choice) => {
      const { session, credentials } = liveLab();
      const inventory = options.inventory();
      let worked;
      try {
        worked = workOutPlan(choice, holdingsOf(inventory), ownRecord(session.labId));
      } catch (error) {
        if (error instanceof PlanRefused) throw new ConsoleError('invalid-payload', error.message);
        throw error;
      }
      for (const [id, kept] of plans) if (now() - kept.madeAt > PLAN_VALID_MS || plans.size >= MAX_KEPT_PLANS) plans.delete(id);
      const plan: OpenStackActionPlan = {
        planId: `osplan-${randomBytes(6).toString('hex')}`,
        action: choice.action,
        title: worked.title,
        credentials: describeCredential(credentials.path, credentials.cloud),
        steps: worked.steps.map(describeStep),
        notes: worked.notes,
      };
      plans.set(plan.planId, { plan, steps: worked.steps, labId: session.labId, madeAt: now() });
      return plan;
    },

    'openstack.run': ({ planId }) => {
      const { session, credentials } = liveLab();
      const kept = plans.get(planId);
      if (!kept || now() - kept.madeAt > PLAN_VALID_MS) throw new ConsoleError('not-found', 'that plan is no longer valid (too old, or the console restarted): ask for the plan again and confirm it');
      if (kept.labId !== session.labId) throw new ConsoleError('invalid-payload', 'that plan was made for another lab: ask for the plan again in this one');
      const busy = running.get(session.labId);
      if (busy) throw new ConsoleError('invalid-payload', `“${busy.title}” is still running in this lab: wait for it to end`);
      plans.delete(planId);

      const runId = `osrun-${randomBytes(6).toString('hex')}`;
      const progress = startingProgress(runId, planId, kept.plan.action, kept.plan.title, kept.steps);
      running.set(session.labId, progress);
      const explain = explainOpenStackFailure(credentials, 'the command');
      const labId = session.labId;
      void runActionPlan(
        {
          labId,
          openstack: (args, timeoutMs) => session.run(CONTROLLER_MACHINE_ID, openstackArgv(credentials, args), { timeoutMs }),
          onHost: (host, argv, timeoutMs) => {
            const machine = machineNamed(options.inventory(), host);
            if (!machine) throw new Error(`Nova says the server is on ${host}, but no machine of this lab has that name (refresh, or check juju status)`);
            return session.run(machine, argv, { timeoutMs });
          },
          explain,
          remember: (entry) => options.saveCreated([...options.created(), entry]),
          forget: (entry) => options.saveCreated(options.created().filter((other) => !(other.labId === entry.labId && other.kind === entry.kind && other.id === entry.id && other.routerId === entry.routerId))),
          onProgress: (update) => {
            latest.set(labId, update);
            options.onProgress(update);
          },
          sleep,
          now,
        },
        progress,
        kept.steps,
      )
        .catch((error: unknown) => {
          // A bug in the run itself: said as the run's end, never left "running".
          const ended: OpenStackActionProgress = { ...progress, state: 'failed' };
          const current = ended.steps.find((step) => step.status === 'running');
          if (current) Object.assign(current, { status: 'failed', error: `the console failed: ${error instanceof Error ? error.message : String(error)}` });
          latest.set(labId, ended);
          options.onProgress(ended);
        })
        .finally(() => {
          running.delete(labId);
          options.refresh();
        });
      return { runId };
    },

    'openstack.created': () => {
      const session = options.session();
      return session ? ownRecord(session.labId) : [];
    },

    'openstack.latest': () => {
      const session = options.session();
      return session ? (latest.get(session.labId) ?? null) : null;
    },
  };
}

/** What OpenStack holds now, as the inventory's controller probes last read it. */
export function holdingsOf(inventory: LabInventory | null): OpenStackHoldings {
  const value = <K extends OpenStackListProbeKind>(kind: K) => (inventory ? probeValue(findProbe(inventory.probes, CONTROLLER_MACHINE_ID, kind), kind) : null);
  return {
    networks: value('openstack-networks')?.networks ?? [],
    subnets: value('openstack-subnets')?.subnets ?? [],
    routers: value('openstack-routers')?.routers ?? [],
    servers: value('openstack-servers')?.servers ?? [],
  };
}

/** Nova's host name ("node03" or "node03.maas") → the Juju machine with that host name. */
function machineNamed(inventory: LabInventory | null, host: string): string | null {
  const short = (name: string) => name.split('.')[0]!.toLowerCase();
  return inventory?.machines.find((machine) => machine.hostname !== null && short(machine.hostname) === short(host))?.id ?? null;
}
