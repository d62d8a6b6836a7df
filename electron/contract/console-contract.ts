// THE contract between the UI and the core: every request the UI can make (params schema →
// result type) and every stream the core pushes (payload type). Electron main, the preload
// bridge, the browser host and the renderer are all typed from this one object; a new call is
// one line here plus its handler in the core. Names say the domain, then the verb.
import type * as v from 'valibot';
import type { ConsoleErrorValue } from './console-errors';
import {
  LabConnectRequest,
  LabRemoval,
  PromptReply,
  LabSelection,
  NoParams,
  SavedLabDraft,
  SettingsPatch,
  type AppAbout,
  type ConnectionState,
  type CoreNotice,
  type PendingPrompt,
  type SavedLab,
  type Settings,
  type SshConfigHostList,
} from './payloads';
import { SnapshotSendPiece, SnapshotSendRef, SnapshotSendStart, type SnapshotSendStarted } from './snapshot-transfer';
import { InventoryVisibility, RouteOverride, type LabInventory, type ProbeOutcome } from './inventory';
import {
  TerminalAck,
  TerminalBroadcast,
  TerminalInput,
  TerminalOpen,
  TerminalRecord,
  TerminalRef,
  TerminalResize,
  type TerminalAttachment,
  type TerminalData,
  type TerminalInfo,
} from './terminals';
import { RecordingRef, type OpenedRecording, type RecordingEntry, type RecordingPlayback } from './recordings';
import { SnapshotOpenRequest } from './open-snapshot';
import { SnapshotCaptureRequest, type RecentSnapshot, type SnapshotCaptured, type SnapshotCaptureProgress } from './snapshot-capture';
import { SupportBundleExportRequest, type SupportBundleExported, type SupportBundleProgress } from './support-bundle';
import { SnapshotDiffRequest, type LabComparison } from './lab-diff';
import { MatrixRequest, PingRequest, PingRunRef, type LatestPingRuns, type PingRunStarted, type PingRunUpdate } from './diagnostics';
import { MtuCheckRef, MtuCheckRequest, type MtuCheckProgress } from './mtu-check';
import { PathRequest, PathRunRef, PathTestRequest, type PathAnalysis, type PathTestProgress, type PathTestStarted } from './troubleshoot';
import type { CoreStatus } from './core-process';
import { OpenStackActionChoice, OpenStackPlanRef, type OpenStackActionPlan, type OpenStackActionProgress, type OpenStackCreated, type OpenStackRunStarted } from './openstack-actions';

interface RequestSpec<Params extends v.GenericSchema, Result> {
  params: Params;
  /** Phantom: carries the result type only. */
  result?: Result;
}
interface StreamSpec<Payload> {
  /** Phantom: carries the payload type only. */
  payload?: Payload;
}

const request = <Result>() => <Params extends v.GenericSchema>(params: Params): RequestSpec<Params, Result> => ({
  params,
});
const stream = <Payload>(): StreamSpec<Payload> => ({});

export const consoleRequests = {
  'app.about': request<AppAbout>()(NoParams),
  'settings.get': request<Settings>()(NoParams),
  'settings.update': request<Settings>()(SettingsPatch),
  'labs.list': request<SavedLab[]>()(NoParams),
  'labs.save': request<SavedLab>()(SavedLabDraft),
  'labs.remove': request<SavedLab[]>()(LabRemoval),
  'labs.select': request<ConnectionState>()(LabSelection),
  'connection.get': request<ConnectionState>()(NoParams),
  'sshConfig.hosts': request<SshConfigHostList>()(NoParams),
  'lab.connect': request<ConnectionState>()(LabConnectRequest),
  'lab.disconnect': request<ConnectionState>()(NoParams),
  /** Open a snapshot file (.obxsnap) as the lab shown, read-only: it answers from what it recorded. */
  'snapshots.open': request<ConnectionState>()(SnapshotOpenRequest),
  /** Capture the connected live lab into a new .obxsnap file (secrets masked); progress on snapshot.progress. */
  'snapshots.capture': request<SnapshotCaptured>()(SnapshotCaptureRequest),
  /** Where a capture of the lab shown would go by default (~/OrangeBox snapshots/<lab>-<time>.obxsnap). */
  'snapshots.suggestPath': request<string>()(NoParams),
  /** Snapshots opened or saved before, newest first. */
  'snapshots.recent': request<RecentSnapshot[]>()(NoParams),
  /** Export the lab shown for support (a live lab is read once first): secrets masked, obfuscated if asked; progress on supportBundle.progress. */
  'supportBundles.export': request<SupportBundleExported>()(SupportBundleExportRequest),
  /** Where a support bundle would go by default (~/OrangeBox snapshots/support-bundle-<time>.obxsnap: no lab name in it). */
  'supportBundles.suggestPath': request<string>()(NoParams),
  /** What changed between a snapshot file and another, or the lab shown now (each side a file or "shown"). */
  'snapshots.diff': request<LabComparison>()(SnapshotDiffRequest),
  /** A snapshot file chosen or dropped in the page, sent in pieces: start, each piece in order, finish (opens it). */
  'snapshots.sendStart': request<SnapshotSendStarted>()(SnapshotSendStart),
  'snapshots.sendPiece': request<{ received: number }>()(SnapshotSendPiece),
  'snapshots.sendFinish': request<ConnectionState>()(SnapshotSendRef),
  'snapshots.sendCancel': request<null>()(SnapshotSendRef),
  'inventory.get': request<LabInventory | null>()(NoParams),
  /** What the first view (Overview) draws, cut from the same inventory: the machines, the controller's
   * juju status and the Juju containers' links. Small, so the page paints before asking for the whole. */
  'inventory.firstView': request<LabInventory | null>()(NoParams),
  'inventory.refresh': request<LabInventory>()(NoParams),
  /** Force (or release) the route to one machine: "auto", "jump" or "juju-ssh". */
  'inventory.setRoute': request<LabInventory | null>()(RouteOverride),
  /** The page is shown or hidden: periodic refresh pauses while nobody looks. */
  'inventory.setVisible': request<null>()(InventoryVisibility),
  'terminals.open': request<TerminalInfo>()(TerminalOpen),
  'terminals.list': request<TerminalInfo[]>()(NoParams),
  /** The screen so far (replay buffer) and the session's state, to show it in a fresh view. */
  'terminals.attach': request<TerminalAttachment>()(TerminalRef),
  'terminals.input': request<null>()(TerminalInput),
  'terminals.resize': request<null>()(TerminalResize),
  /** The page has written this many more characters: flow control may resume reading. */
  'terminals.ack': request<null>()(TerminalAck),
  /** Open the same target again after a disconnect or exit. */
  'terminals.reconnect': request<TerminalInfo>()(TerminalRef),
  'terminals.close': request<null>()(TerminalRef),
  'terminals.record': request<TerminalInfo>()(TerminalRecord),
  /** The terminals that typed input goes to together (empty: broadcast off). */
  'terminals.setBroadcast': request<TerminalInfo[]>()(TerminalBroadcast),
  /** The scrollback and screen as plain text. */
  'terminals.exportText': request<string>()(TerminalRef),
  /** Every recording the console wrote or the engineer opened (wherever it is; gone ones marked missing), and the recordings folder's, newest first. */
  'recordings.list': request<RecordingEntry[]>()(NoParams),
  /** One listed recording's asciicast text, for the player (checked as asciicast v2). */
  'recordings.read': request<RecordingPlayback>()(RecordingRef),
  /** A .cast file the engineer named by path: checked as asciicast v2, remembered in the list, and its text. */
  'recordings.open': request<OpenedRecording>()(RecordingRef),
  /** Drop a recording from the list (the file, if any, stays where it is). */
  'recordings.forget': request<RecordingEntry[]>()(RecordingRef),
  /** Ping from one source to its targets; replies follow on diagnostics.update. */
  'diagnostics.ping': request<PingRunStarted>()(PingRequest),
  /** Ping every target from every source (bounded in parallel); cells fill on diagnostics.update. */
  'diagnostics.matrix': request<PingRunStarted>()(MatrixRequest),
  /** Stop a ping run: each cell ends with what it has. */
  'diagnostics.stop': request<null>()(PingRunRef),
  /** The latest ping and matrix as far as they got (a page that reloads shows them again; runs go on in the core). */
  'diagnostics.latest': request<LatestPingRuns>()(NoParams),
  /** The largest don't-fragment ping from a source to a target (a bounded search, one probe at a time); probes follow on diagnostics.mtuProgress. A snapshot refuses. */
  'diagnostics.mtuCheck': request<MtuCheckProgress>()(MtuCheckRequest),
  /** Stop an MTU check: it ends with what it found so far. */
  'diagnostics.mtuStop': request<null>()(MtuCheckRef),
  /** The latest MTU check as far as it got (null for a snapshot, which records none). */
  'diagnostics.mtuLatest': request<MtuCheckProgress | null>()(NoParams),
  /** The path a packet from a source to a target should take, hop by hop, with what is wrong where and the verdict first (from the inventory shown: live or a snapshot). */
  'troubleshoot.analyse': request<PathAnalysis>()(PathRequest),
  /** Test a path: each hop's counters before and after a bounded ping from the source, and br-int's ofproto/trace; progress on troubleshoot.progress. A snapshot refuses. */
  'troubleshoot.test': request<PathTestStarted>()(PathTestRequest),
  /** Stop a path test: it ends with what it has. */
  'troubleshoot.stop': request<null>()(PathRunRef),
  /** The latest path test as far as it got (null for a snapshot). */
  'troubleshoot.latest': request<PathTestProgress | null>()(NoParams),
  /** The exact `openstack` commands a demo step would run (kept a while for openstack.run); refused with the reason when the choice does not fit the lab. */
  'openstack.plan': request<OpenStackActionPlan>()(OpenStackActionChoice),
  /** Run a plan the engineer confirmed; its steps follow on openstack.progress. A snapshot refuses. */
  'openstack.run': request<OpenStackRunStarted>()(OpenStackPlanRef),
  /** What the console created in the lab shown (ids and names), which "delete what the console created" removes. */
  'openstack.created': request<OpenStackCreated[]>()(NoParams),
  /** The last demo step's progress as far as it got (a page that reloads shows it again). */
  'openstack.latest': request<OpenStackActionProgress | null>()(NoParams),
  'prompts.pending': request<PendingPrompt[]>()(NoParams),
  'prompts.answer': request<null>()(PromptReply),
  /** What the core said before this page attached (e.g. a damaged settings file at startup). */
  'notices.pending': request<CoreNotice[]>()(NoParams),
  /** Whether the core runs (desktop app: its process may have stopped, taking its terminals with it). */
  'core.status': request<CoreStatus>()(NoParams),
  /** Start the core's process again after it stopped (a running core is left as it is). */
  'core.restart': request<CoreStatus>()(NoParams),
};

export const consoleStreams = {
  'connection.changed': stream<ConnectionState>(),
  'labs.changed': stream<SavedLab[]>(),
  'settings.changed': stream<Settings>(),
  'core.notice': stream<CoreNotice>(),
  /** The core's process stopped, or runs again after a restart (desktop app). */
  'core.status': stream<CoreStatus>(),
  /** A question for the engineer (new host key, key passphrase); answer with prompts.answer. */
  'prompt.opened': stream<PendingPrompt>(),
  'prompt.closed': stream<{ promptId: string }>(),
  /** The inventory's shape changed (machines, routes, refresh state); probes come separately. */
  'inventory.changed': stream<LabInventory>(),
  /** One probe's outcome, the moment it exists. */
  'inventory.probe': stream<ProbeOutcome>(),
  /** Output of a terminal (acknowledge with terminals.ack once written). */
  'terminal.data': stream<TerminalData>(),
  /** A terminal opened, changed state, or closed (state "exited"/"failed" stays until closed). */
  'terminal.info': stream<TerminalInfo>(),
  'terminal.closed': stream<{ id: string }>(),
  /** A ping cell's new replies and errors, and its result once it ends. */
  'diagnostics.update': stream<PingRunUpdate>(),
  /** An MTU check as far as it got: each probe as it starts and ends, the interfaces along the way, the verdict once it ends. */
  'diagnostics.mtuProgress': stream<MtuCheckProgress>(),
  /** A path test as far as it got: counters before, the trace, the ping, counters after and where the pings stopped. */
  'troubleshoot.progress': stream<PathTestProgress>(),
  /** How far a demo step (openstack.run) has got: every step's command, status, and error in words. */
  'openstack.progress': stream<OpenStackActionProgress>(),
  /** How far the running snapshot capture has got. */
  'snapshot.progress': stream<SnapshotCaptureProgress>(),
  'snapshots.recentChanged': stream<RecentSnapshot[]>(),
  /** How far the running export for support has got. */
  'supportBundle.progress': stream<SupportBundleProgress>(),
};

export type RequestName = keyof typeof consoleRequests;
export type StreamName = keyof typeof consoleStreams;

/** What the UI may send for a request (before the core's validation and transforms). */
export type RequestParams<N extends RequestName> = v.InferInput<(typeof consoleRequests)[N]['params']>;
/** What a core handler receives (after validation). */
export type ValidatedParams<N extends RequestName> = v.InferOutput<(typeof consoleRequests)[N]['params']>;
export type RequestResult<N extends RequestName> =
  (typeof consoleRequests)[N] extends RequestSpec<v.GenericSchema, infer Result> ? Result : never;
export type StreamPayload<N extends StreamName> =
  (typeof consoleStreams)[N] extends StreamSpec<infer Payload> ? Payload : never;

/** How a request's answer travels over any carrier: never a thrown error, always a value. */
export type RequestOutcome<Result = unknown> =
  | { ok: true; result: Result }
  | { ok: false; error: ConsoleErrorValue };

/** The raw carrier surface (preload bridge, WebSocket client): untyped names, outcome values. */
export interface ConsoleBridge {
  request(name: string, params: unknown): Promise<RequestOutcome>;
  listen(stream: string, listener: (payload: unknown) => void): () => void;
}

/** The typed API the renderer uses, built on any bridge. */
export interface ConsoleApi {
  request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResult<N>>;
  listen<N extends StreamName>(stream: N, listener: (payload: StreamPayload<N>) => void): () => void;
}

export const isRequestName = (name: unknown): name is RequestName =>
  typeof name === 'string' && Object.hasOwn(consoleRequests, name);
export const isStreamName = (name: unknown): name is StreamName =>
  typeof name === 'string' && Object.hasOwn(consoleStreams, name);
