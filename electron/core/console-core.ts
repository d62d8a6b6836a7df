// The console core: owns saved labs, settings and the connection state, answers the contract's
// requests and pushes its streams. Plain Node; hosted by Electron's main process or the browser
// host, and driven directly by tests.
import { randomBytes } from 'node:crypto';
import type { RequestDispatcher, InternalErrorReporter } from './request-dispatcher';
import { createRequestDispatcher, type RequestHandlers } from './request-dispatcher';
import { StreamHub } from './stream-hub';
import { APP_NAME, APP_VERSION } from './app-identity';
import { ConsoleError } from '../contract/console-errors';
import type {
  ConnectionState,
  ConsoleHostKind,
  CoreNotice,
  NoticeLevel,
  SavedLab,
  SavedLabDraft,
  Settings,
  SettingsPatch,
  SshConfigHostList,
} from '../contract/payloads';
import { emptyStoredState, type ConsoleStore, type StoredState } from '../store/stored-state';
import { listSshConfigHosts, resolveSshHost } from '../ssh-config/ssh-config-hosts';
import { PromptBroker } from './prompt-broker';
import { KnownHosts } from '../ssh/known-hosts';
import { InteractiveHostKeyPolicy } from '../ssh/interactive-host-key-policy';
import { RememberedPassphrases } from '../ssh/remembered-passphrases';
import type { SecretVault } from '../ssh/secret-vault';
import { defaultAgentSocket } from '../ssh/ssh-auth';
import { LabLink } from '../lab/lab-link';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import { inventoryFirstView } from '../inventory/inventory-first-view';
import { liveLabSession, type LabSession, type LiveRouting } from '../lab/lab-session';
import type { HostResolver } from '../lab/controller-route';
import { homedir } from 'node:os';
import { createTerminalHandlers } from './terminal-handlers';
import { createDiagnosticsHandlers } from './diagnostics-handlers';
import { createTroubleshootHandlers } from './troubleshoot-handlers';
import { createOpenStackActionHandlers } from './openstack-action-handlers';
import { createRecordingKeeper } from './recording-handlers';
import { expandHome } from '../ssh-config/ssh-config-file';
import { join, resolve as resolvePath } from 'node:path';
import type { SnapshotContent } from '../contract/snapshot';
import { OpenedSnapshot } from '../snapshots/opened-snapshot';
import { readSnapshotFile } from '../snapshots/snapshot-file';
import { createSnapshotDiffHandlers } from './snapshot-diff-handlers';
import { createMtuCheckHandlers } from './mtu-check-handlers';
import { createSnapshotHandlers, DEFAULT_SNAPSHOT_FOLDER_NAME } from './snapshot-handlers';
import { createSupportBundleHandlers } from './support-bundle-handlers';
import { SnapshotReceiver } from './snapshot-receiver';
import { RUNNING } from '../contract/core-process';

export interface ConsoleCoreOptions {
  host: ConsoleHostKind;
  store: ConsoleStore;
  /** Where ~/.ssh/config hosts come from; tests point it at a fixture home. */
  listSshHosts?: () => Promise<SshConfigHostList>;
  reportInternalError?: InternalErrorReporter;
  /** known_hosts files, the first one receiving accepted keys (default: OpenSSH's). */
  knownHostsFiles?: string[];
  /** ssh-agent socket (default: $SSH_AUTH_SOCK). */
  agentSocket?: string | null;
  /** How a ~/.ssh/config name resolves (default: `ssh -G`, or the console's reader). */
  resolveHost?: HostResolver;
  /** An OS-encrypted store for passphrases the engineer asks to keep (the app only). */
  secretVault?: SecretVault | null;
  /** How a snapshot file is read (default: the .obxsnap reader, which checks it whole). */
  readSnapshot?: (path: string) => Promise<SnapshotContent>;
  /** The engineer's home, where the snapshots folder is (default: the OS's; tests use a scratch folder). */
  home?: string;
  /** A snapshot file to show at start instead of the demo or the last lab (the app's --snapshot FILE); one that does not open is said in a notice. */
  snapshotAtStart?: string | null;
  /** The demo lab, opened at start when no lab is saved (the hosts pass the shipped one; none by default). */
  demoLab?: () => Promise<SnapshotContent>;
}

export interface ConsoleCore {
  dispatch: RequestDispatcher;
  streams: StreamHub;
  /** How many terminals are open (what closing the app would end). */
  openTerminalCount(): number;
  /** Tells the engineer something from outside a request (a file the app was asked to open). */
  notify(level: NoticeLevel, code: string, message: string): void;
  close(): Promise<void>;
}

export async function createConsoleCore(options: ConsoleCoreOptions): Promise<ConsoleCore> {
  const streams = new StreamHub();
  const earlyNotices: CoreNotice[] = [];
  const notify = (level: NoticeLevel, code: string, message: string) => {
    const notice: CoreNotice = { level, code, message, at: new Date().toISOString() };
    if (earlyNotices.length < MAX_EARLY_NOTICES) earlyNotices.push(notice);
    streams.push('core.notice', notice);
  };

  let state: StoredState;
  try {
    const loaded = await options.store.load();
    state = loaded.state;
    for (const problem of loaded.problems) notify('warning', 'store-unreadable', problem);
  } catch (error) {
    state = emptyStoredState();
    const message = error instanceof ConsoleError ? error.message : String(error);
    notify('error', 'store-unreadable', `${message}. The console runs with defaults and will not overwrite the file until you save.`);
  }

  // Saves are serialised so two quick edits never interleave their writes.
  let saving: Promise<void> = Promise.resolve();
  const persist = (next: StoredState): Promise<void> => {
    state = next;
    const snapshot = structuredClone(next);
    saving = saving.catch(() => {}).then(() => options.store.save(snapshot));
    return saving;
  };

  let connectionRevision = 0;
  const coreRun = randomBytes(6).toString('hex');
  let connection: ConnectionState = { ...connectionFor(state.labs.find((lab) => lab.id === state.lastLabId) ?? null), revision: connectionRevision, coreRun };
  const setConnection = (next: ConnectionState) => {
    connectionRevision += 1;
    connection = { ...next, revision: connectionRevision, coreRun };
    streams.push('connection.changed', connection);
  };

  const prompts = new PromptBroker(streams);
  const hostKeys = new InteractiveHostKeyPolicy(
    new KnownHosts(options.knownHostsFiles ?? [join(homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts']),
    prompts,
    { onCertified: (message) => notify('info', 'ssh-host-key-certified', message) },
  );
  const passphrases = new RememberedPassphrases(prompts, options.secretVault ?? null);
  let link: LabLink | null = null;
  /** How the lab shown is reached (live, or a snapshot's file): inventory, terminals and pings go through it. */
  let session: LabSession | null = null;
  let keeper: InventoryKeeper | null = null;
  /** A snapshot shown in place of a live lab (its session and keeper are then `session` and `keeper`). */
  let snapshot: OpenedSnapshot | null = null;
  const agentSocket = options.agentSocket === undefined ? defaultAgentSocket() : options.agentSocket;
  const dropLink = () => {
    // The keeper closes the session's routes as it stops.
    keeper?.stop();
    keeper = null;
    session = null;
    snapshot = null;
    link?.disconnect();
    link = null;
  };
  /** Shows a snapshot as the lab: read once, never refreshed; the live lab (if any) is let go. */
  const openSnapshot = async (content: SnapshotContent, file: string | null): Promise<ConnectionState> => {
    dropLink();
    // Once left (Disconnect while it is still being read), what it reads is no longer shown.
    const opened: OpenedSnapshot = new OpenedSnapshot(content, file, {
      onInventory: (inventory) => {
        if (snapshot !== opened) return;
        // A stored inventory comes whole and at once: the page gets Overview's part, and asks for
        // the whole once it painted it. 13 MB of a 5,000-container lab, received and parsed
        // first, held an open page for a second and more (issue 11).
        streams.push('inventory.changed', opened.lab.storesInventory ? inventoryFirstView(inventory)! : inventory);
      },
      onProbe: (outcome) => {
        if (snapshot === opened) streams.push('inventory.probe', outcome);
      },
    });
    snapshot = opened;
    session = opened.session;
    keeper = opened.keeper;
    setConnection(opened.connectionState());
    await opened.read();
    return connection;
  };
  /** How the machines of a connected lab are reached: the same for its inventory and a capture of it. */
  const liveRouting = (lab: SavedLab, opened: LabLink): Pick<LiveRouting, 'controller' | 'routeContext' | 'routeChoice'> => {
    const identityFiles = lab.controller.identityFile ? [lab.controller.identityFile] : [];
    return {
      controller: () => opened.controller,
      routeContext: (controller) => ({
        controller,
        user: lab.controller.user,
        auth: { identityFiles: opened.identityFiles ?? identityFiles, identitiesOnly: opened.identitiesOnly, agentSocket, passphrases },
        hostKeys,
      }),
      routeChoice: (machineId) => state.labs.find((candidate) => candidate.id === lab.id)?.routes[machineId] ?? 'auto',
    };
  };
  /** Once the controller answers, the inventory starts (and keeps refreshing while shown). */
  const startInventory = (lab: SavedLab, opened: LabLink) => {
    if (keeper) return;
    session = liveLabSession(lab.id, liveRouting(lab, opened));
    keeper = new InventoryKeeper({
      labId: lab.id,
      session,
      onInventory: (inventory) => streams.push('inventory.changed', inventory),
      onProbe: (outcome) => streams.push('inventory.probe', outcome),
      openstackCredentials: () => state.labs.find((candidate) => candidate.id === lab.id)?.openstackCredentials ?? null,
    });
    keeper.autoRefresh(state.settings.refreshIntervalSeconds);
    void keeper.refresh().catch((error: unknown) =>
      notify('error', 'inventory', `the first look at ${lab.name} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const openLink = (lab: SavedLab): LabLink => {
    dropLink();
    const opened: LabLink = new LabLink(lab, {
      hostKeys,
      passphrases,
      resolveHost: options.resolveHost ?? ((name) => resolveSshHost(name)),
      agentSocket,
      onState: ({ phase, detail }) => {
        if (link !== opened) return;
        setConnection({ labId: lab.id, labName: lab.name, phase, detail, since: new Date().toISOString() });
        if (phase === 'connected') startInventory(lab, opened);
      },
    });
    link = opened;
    return opened;
  };

  const recordings = createRecordingKeeper({
    known: () => state.recordings,
    save: (next) => persist({ ...state, recordings: next }),
    folder: () => state.settings.recordingsDirectory,
    inProgress: () => terminals.list().flatMap((info) => (info.recordingPath ? [info.recordingPath] : [])),
    onSaveFailed: (message) => notify('warning', 'store-unwritable', message),
  });

  const { terminals, handlers: terminalHandlers } = createTerminalHandlers({
    session: () => session,
    labUser: () => state.labs.find((candidate) => candidate.id === connection.labId)?.controller.user ?? 'ubuntu',
    scrollback: () => state.settings.terminalScrollbackLines,
    fastForwardFloods: () => state.settings.fastForwardFloods,
    recordEveryTerminalIn: () => (state.settings.alwaysRecord ? state.settings.recordingsDirectory : null),
    onData: (id, data) => streams.push('terminal.data', { id, data, chars: data.length }),
    onInfo: (info) => streams.push('terminal.info', info),
    onClosed: (id) => streams.push('terminal.closed', { id }),
    onRecording: recordings.onRecording,
  });

  const { pings, handlers: diagnosticsHandlers } = createDiagnosticsHandlers({
    session: () => session,
    // A snapshot shows the runs it recorded.
    recordedRuns: () => snapshot?.content.diagnostics ?? null,
    onUpdate: (update) => streams.push('diagnostics.update', update),
  });
  const { checks: mtuChecks, handlers: mtuCheckHandlers } = createMtuCheckHandlers({
    session: () => session,
    inventory: () => keeper?.current ?? null,
    onProgress: (progress) => streams.push('diagnostics.mtuProgress', progress),
  });
  const { tests: pathTests, handlers: troubleshootHandlers } = createTroubleshootHandlers({
    session: () => session,
    inventory: () => snapshot?.inventory ?? keeper?.current ?? null,
    onProgress: (progress) => streams.push('troubleshoot.progress', progress),
  });
  const openstackActions = createOpenStackActionHandlers({
    session: () => session,
    inventory: () => keeper?.current ?? null,
    created: () => state.openstackCreated,
    saveCreated: (next) => persist({ ...state, openstackCreated: next }),
    onProgress: (progress) => streams.push('openstack.progress', progress),
    refresh: () => {
      if (session?.live) void keeper?.refresh().catch(() => {});
    },
  });
  const snapshots = createSnapshotHandlers({
    source: () => {
      if (snapshot) {
        const { file, kind } = snapshot.info;
        return { live: false, refusal: new ConsoleError('snapshot-read-only', `the lab shown is a snapshot already (${kind === 'demo' ? 'the demo lab' : (file ?? snapshot.info.labName)}): saving a snapshot needs a live lab. Disconnect and connect a lab first.`) };
      }
      const lab = state.labs.find((candidate) => candidate.id === connection.labId);
      if (!link || !lab || connection.phase !== 'connected' || !link.controller) {
        return { live: false, refusal: new ConsoleError('ssh-disconnected', `connect to ${lab?.name ?? 'a lab'} first: a snapshot is read from a connected live lab`) };
      }
      return { live: true, lab, ...liveRouting(lab, link) };
    },
    labName: () => connection.labName,
    latestPingRuns: () => pings.latest,
    readRecording: async (path) => recordings.handlers['recordings.read']({ path }),
    onProgress: (progress) => streams.push('snapshot.progress', progress),
    recent: () => state.recentSnapshots,
    saveRecent: async (next) => {
      streams.push('snapshots.recentChanged', next);
      await persist({ ...state, recentSnapshots: next }).catch((error: unknown) =>
        notify('warning', 'store-unwritable', `the list of recent snapshots could not be saved: ${error instanceof Error ? error.message : String(error)}`),
      );
    },
    home: options.home ?? homedir(),
  });

  const receiver = new SnapshotReceiver({
    folder: join(options.home ?? homedir(), DEFAULT_SNAPSHOT_FOLDER_NAME),
    open: async (content, file) => {
      await openSnapshot(content, file);
      await snapshots.remember(file, content);
    },
  });

  const supportBundles = createSupportBundleHandlers({
    shown: () => (snapshot ? { content: snapshot.content, demo: snapshot.info.kind === 'demo' } : null),
    live: () => snapshots.captureSource(),
    latestPingRuns: () => pings.latest,
    onProgress: (progress) => streams.push('supportBundle.progress', progress),
    home: options.home ?? homedir(),
  });

  const findLab = (labId: string): SavedLab => {
    const lab = state.labs.find((candidate) => candidate.id === labId);
    if (!lab) throw new ConsoleError('not-found', `no saved lab has the id ${labId}; it may have been removed in another window`);
    return lab;
  };

  const handlers: RequestHandlers = {
    'app.about': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      host: options.host,
      platform: `${process.platform}-${process.arch}`,
      nodeVersion: process.versions.node,
      storeLocation: options.store.location,
    }),

    'settings.get': () => state.settings,

    'settings.update': async (patch: SettingsPatch) => {
      const settings: Settings = { ...state.settings, ...stripUndefined(patch) };
      await persist({ ...state, settings });
      if (session?.live) keeper?.autoRefresh(settings.refreshIntervalSeconds);
      streams.push('settings.changed', settings);
      return settings;
    },

    'labs.list': () => state.labs,

    'labs.save': async (draft: SavedLabDraft) => {
      const existing = draft.id ? findLab(draft.id) : null;
      const lab: SavedLab = {
        id: existing?.id ?? newLabId(),
        name: draft.name,
        controller: { ...draft.controller, kind: draft.controller.kind ?? 'ssh' },
        createdAt: existing?.createdAt ?? new Date().toISOString(),
        routes: existing?.routes ?? {},
        openstackCredentials: draft.openstackCredentials ? { path: draft.openstackCredentials.path, cloud: draft.openstackCredentials.cloud ?? null } : null,
      };
      const duplicate = state.labs.find((other) => other.id !== lab.id && other.name.toLowerCase() === lab.name.toLowerCase());
      if (duplicate) throw new ConsoleError('invalid-payload', `a lab named "${duplicate.name}" is already saved; choose another name`);
      const labs = existing ? state.labs.map((other) => (other.id === lab.id ? lab : other)) : [...state.labs, lab];
      await persist({ ...state, labs });
      streams.push('labs.changed', labs);
      if (connection.labId === lab.id) {
        // The endpoint may have changed: the next connect uses the saved one.
        dropLink();
        setConnection(connectionFor(lab));
      }
      return lab;
    },

    'labs.remove': async ({ labId }) => {
      findLab(labId);
      const labs = state.labs.filter((lab) => lab.id !== labId);
      const lastLabId = state.lastLabId === labId ? null : state.lastLabId;
      await persist({ ...state, labs, lastLabId });
      streams.push('labs.changed', labs);
      if (connection.labId === labId) {
        dropLink();
        setConnection(connectionFor(null));
      }
      return labs;
    },

    'labs.select': async ({ labId }) => {
      const lab = labId === null ? null : findLab(labId);
      await persist({ ...state, lastLabId: lab?.id ?? null });
      if (lab?.id !== connection.labId || connection.phase === 'failed') {
        dropLink();
        setConnection(connectionFor(lab));
      }
      return connection;
    },

    'connection.get': () => connection,

    'lab.connect': async ({ labId }) => {
      const lab = findLab(labId);
      if (state.lastLabId !== lab.id) await persist({ ...state, lastLabId: lab.id });
      // A failure is reported in the connection state (the status bar shows it), not thrown.
      await openLink(lab).connect().catch(() => {});
      return connection;
    },

    'lab.disconnect': () => {
      // Leaving a snapshot goes back to the lab last chosen (not connected).
      const labId = snapshot ? state.lastLabId : connection.labId;
      dropLink();
      const lab = state.labs.find((candidate) => candidate.id === labId) ?? null;
      setConnection(connectionFor(lab));
      return connection;
    },

    'snapshots.open': async ({ path }) => {
      const file = resolvePath(expandHome(path));
      // A bad file is refused before anything changes: the lab shown stays open.
      // Its commands are parsed when something runs one: it shows the inventory it stores.
      const content = await (options.readSnapshot ?? ((path: string) => readSnapshotFile(path, { commands: 'when-asked' })))(file);
      const opened = await openSnapshot(content, file);
      await snapshots.remember(file, content);
      return opened;
    },

    ...snapshots.handlers,

    ...supportBundles.handlers,

    ...createSnapshotDiffHandlers({
      shown: () => ({ inventory: snapshot?.inventory ?? keeper?.current ?? null, labName: connection.labName, snapshot: snapshot?.info ?? null }),
      readSnapshot: options.readSnapshot ?? readSnapshotFile,
      home: options.home ?? homedir(),
    }),

    'snapshots.sendStart': ({ name, bytes }) => receiver.start(name, bytes),
    'snapshots.sendPiece': ({ transferId, offset, base64 }) => receiver.piece(transferId, offset, base64),
    'snapshots.sendFinish': async ({ transferId }) => {
      await receiver.finish(transferId);
      return connection;
    },
    'snapshots.sendCancel': ({ transferId }) => {
      receiver.cancel(transferId);
      return null;
    },

    'inventory.get': () => snapshot?.inventory ?? keeper?.current ?? null,
    'inventory.firstView': () => inventoryFirstView(snapshot?.inventory ?? keeper?.current ?? null),

    'inventory.refresh': () => {
      session?.requireLive('refreshing');
      if (!keeper) throw new ConsoleError('ssh-disconnected', 'the lab is not connected: connect first, then refresh');
      return keeper.refresh();
    },

    'inventory.setRoute': async ({ labId, machineId, route }) => {
      const lab = findLab(labId);
      const routes = { ...lab.routes };
      if (route === 'auto') delete routes[machineId];
      else routes[machineId] = route;
      await persist({ ...state, labs: state.labs.map((other) => (other.id === labId ? { ...lab, routes } : other)) });
      if (!keeper || !session || connection.labId !== labId) return snapshot?.inventory ?? keeper?.current ?? null;
      session.forgetRoute(machineId);
      return keeper.refresh();
    },

    'inventory.setVisible': ({ visible }) => {
      keeper?.setVisible(visible);
      return null;
    },

    ...terminalHandlers,

    ...recordings.handlers,

    // A snapshot's own recordings are listed first and play from it; the rest is as always.
    'recordings.list': async () => [...(snapshot?.recordings.entries() ?? []), ...(await recordings.handlers['recordings.list'](null))],

    'recordings.read': ({ path }) => snapshot?.recordings.read(path) ?? recordings.handlers['recordings.read']({ path }),

    ...diagnosticsHandlers,

    ...mtuCheckHandlers,

    ...troubleshootHandlers,

    ...openstackActions,

    'prompts.pending': () => prompts.pending(),

    'prompts.answer': ({ promptId, answer }) => {
      prompts.answer(promptId, answer);
      return null;
    },

    'sshConfig.hosts': () => (options.listSshHosts ?? listSshConfigHosts)(),

    'notices.pending': () => [...earlyNotices],

    // Answered here when the core runs in its host's process (the browser host, tests); the
    // desktop app's main process answers both itself (core-host/core-relay.ts).
    'core.status': () => RUNNING,
    'core.restart': () => RUNNING,
  };
  const dispatch = createRequestDispatcher(handlers, options.reportInternalError);

  // Asked for by name (the app started with a snapshot file): shown instead of anything else.
  let openedAtStart = false;
  if (options.snapshotAtStart) {
    const opened = await dispatch('snapshots.open', { path: options.snapshotAtStart });
    openedAtStart = opened.ok;
    if (!opened.ok) notify('error', opened.error.code, opened.error.message);
  }

  // First launch: with no lab saved, the demo lab is shown (labelled as such) instead of an empty
  // "connect a lab" screen; Manage labs connects a real one.
  if (options.demoLab && state.labs.length === 0 && !openedAtStart) {
    try {
      await openSnapshot(await options.demoLab(), null);
    } catch (error) {
      notify('warning', 'demo-unavailable', `the demo lab could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    dispatch,
    streams,
    openTerminalCount: () => terminals.list().length,
    notify,
    close: async () => {
      pings.stopAll();
      pathTests.stopAll();
      mtuChecks.stopAll();
      await terminals.closeAll();
      await recordings.settled();
      dropLink();
      prompts.closeAll();
      passphrases.forget();
      await saving.catch(() => {});
    },
  };
}

/** The first notices are kept for a UI that attaches later; more than this is a flood, not news. */
const MAX_EARLY_NOTICES = 20;

/** Lab ids are random, not derived from names: renaming a lab keeps its id. */
const newLabId = () => `lab-${randomBytes(6).toString('hex')}`;

function connectionFor(lab: SavedLab | null): ConnectionState {
  const since = new Date().toISOString();
  if (!lab) return { labId: null, labName: null, phase: 'no-lab', detail: 'No lab selected', since };
  const { user, host, port, kind } = lab.controller;
  return { labId: lab.id, labName: lab.name, phase: 'not-connected', detail: kind === 'local' ? `this computer (machines as ${user})` : `${user}@${host}:${port}`, since };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
