// The shapes that cross the UI/core boundary and are stored on disk, as valibot schemas (the core
// validates every incoming payload against them) with their TypeScript types derived.
import * as v from 'valibot';
import type { OpenSnapshot } from './open-snapshot';

/** No parameters: the UI passes `null` (JSON-safe over every carrier). */
export const NoParams = v.nullish(v.null_());

const TEXT_LIMIT = 256; // generous for names and hosts; keeps a pasted megabyte out of the store
const PATH_LIMIT = 4096; // PATH_MAX on Linux

const noControlCharacters = (label: string) =>
  v.check<string, string>(
    (text) => !/[\u0000-\u001f\u007f]/.test(text),
    `${label} must not contain control characters or line breaks`,
  );

export const LabName = v.pipe(
  v.string('the lab name must be text'),
  v.trim(),
  v.minLength(1, 'give the lab a name, e.g. "OrangeBox 64 (Tokyo demo)"'),
  v.maxLength(80, 'the lab name is limited to 80 characters'),
  noControlCharacters('the lab name'),
);

/** A DNS name, an IPv4/IPv6 address, or a Host alias from ~/.ssh/config. */
export const HostAddress = v.pipe(
  v.string('the controller address must be text'),
  v.trim(),
  v.minLength(1, 'enter the controller address (a host name, an IP address or a ~/.ssh/config host)'),
  v.maxLength(TEXT_LIMIT, `the controller address is limited to ${TEXT_LIMIT} characters`),
  v.regex(/^[^\s'"`$;&|<>\\]+$/, 'the controller address must not contain spaces, quotes or shell characters'),
);

export const SshUser = v.pipe(
  v.string('the SSH user must be text'),
  v.trim(),
  v.minLength(1, 'enter the SSH user (e.g. ubuntu)'),
  v.maxLength(64, 'the SSH user is limited to 64 characters'),
  v.regex(/^[A-Za-z_][A-Za-z0-9_.@-]*$/, 'the SSH user may hold letters, digits, "_", ".", "@" and "-" only'),
);

export const TcpPort = v.pipe(
  v.number('the port must be a number'),
  v.integer('the port must be a whole number'),
  v.minValue(1, 'the port must be between 1 and 65535'),
  v.maxValue(65535, 'the port must be between 1 and 65535'),
);

export const FilePath = v.pipe(
  v.string('the key file must be a path'),
  v.trim(),
  v.minLength(1, 'the key file path is empty'),
  v.maxLength(PATH_LIMIT, `the key file path is limited to ${PATH_LIMIT} characters`),
  noControlCharacters('the key file path'),
);

export const LabId = v.pipe(
  v.string('the lab id must be text'),
  v.regex(/^lab-[a-z0-9-]{4,64}$/, 'that is not a lab id this console issued'),
);

export const ControllerEndpoint = v.object({
  /** "ssh" (the usual), or "local": the controller is this computer and needs no SSH. */
  kind: v.optional(v.picklist(['ssh', 'local'], 'the controller is reached by "ssh" or is "local"'), 'ssh'),
  host: HostAddress,
  port: TcpPort,
  user: SshUser,
  /** null: use ssh-agent and the keys ~/.ssh/config names. */
  identityFile: v.nullable(FilePath),
  /** The ~/.ssh/config Host this endpoint came from, if any (its options then apply). */
  sshConfigHost: v.nullable(v.pipe(v.string(), v.maxLength(TEXT_LIMIT))),
});
export type ControllerEndpoint = v.InferOutput<typeof ControllerEndpoint>;

/** Per machine, a route the engineer forced (absent = chosen automatically). */
export const RouteOverrides = v.record(
  v.pipe(v.string(), v.regex(/^\d+$/)),
  v.picklist(['jump', 'juju-ssh']),
);

/** A file on the controller, as its shell would name it: "~/novarc", "/etc/openstack/clouds.yaml", "admin-openrc" (in the home). */
export const ControllerFilePath = v.pipe(
  v.string('the OpenStack credentials file must be a path'),
  v.trim(),
  v.minLength(1, 'the OpenStack credentials path is empty'),
  v.maxLength(PATH_LIMIT, `the OpenStack credentials path is limited to ${PATH_LIMIT} characters`),
  noControlCharacters('the OpenStack credentials path'),
);

/** A cloud's name in clouds.yaml (`OS_CLOUD`): a YAML key as engineers write them. */
export const CloudName = v.pipe(
  v.string('the cloud name must be text'),
  v.trim(),
  v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'the cloud name (a key under "clouds:" in clouds.yaml) may hold letters, digits, "_", "." and "-" only, up to 64'),
);

/** Where the console's `openstack` commands on the controller take their credentials (never the secrets themselves). */
export const OpenStackCredentialSetting = v.object({
  /** An rc file to source, or a clouds.yaml. */
  path: ControllerFilePath,
  /** The cloud in clouds.yaml; null for an rc file, or when the file has one cloud. */
  cloud: v.optional(v.nullable(CloudName), null),
});
export type OpenStackCredentialSetting = v.InferOutput<typeof OpenStackCredentialSetting>;

export const SavedLab = v.object({
  id: LabId,
  name: LabName,
  controller: ControllerEndpoint,
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  routes: v.optional(RouteOverrides, {}),
  /** Named by the engineer; null or absent (older saves): found on the controller when there is one candidate. */
  openstackCredentials: v.optional(v.nullable(OpenStackCredentialSetting)),
});
export type SavedLab = v.InferOutput<typeof SavedLab>;

/** What the connect screen sends: a new lab (no id) or an edit of a saved one. */
export const SavedLabDraft = v.object({
  id: v.optional(LabId),
  name: LabName,
  controller: ControllerEndpoint,
  openstackCredentials: v.optional(v.nullable(OpenStackCredentialSetting)),
});
export type SavedLabDraft = v.InferInput<typeof SavedLabDraft>;

export const ThemeChoice = v.picklist(['system', 'light', 'dark'], 'the theme is "system", "light" or "dark"');
export type ThemeChoice = v.InferOutput<typeof ThemeChoice>;

/** Refresh faster than this floods a lab of small machines; slower than an hour is not "live". */
export const REFRESH_INTERVAL_MIN_SECONDS = 2;
export const REFRESH_INTERVAL_MAX_SECONDS = 3600;
/** Scrollback below 100 lines loses a single `lxc list`; above 200,000 costs ~300 MB per terminal. */
export const SCROLLBACK_MIN_LINES = 100;
export const SCROLLBACK_MAX_LINES = 200_000;

export const Settings = v.object({
  theme: ThemeChoice,
  refreshIntervalSeconds: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(REFRESH_INTERVAL_MIN_SECONDS, `refresh at most every ${REFRESH_INTERVAL_MIN_SECONDS} s`),
    v.maxValue(REFRESH_INTERVAL_MAX_SECONDS, `refresh at least every ${REFRESH_INTERVAL_MAX_SECONDS} s`),
  ),
  terminalScrollbackLines: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(SCROLLBACK_MIN_LINES, `keep at least ${SCROLLBACK_MIN_LINES} lines of scrollback`),
    v.maxValue(SCROLLBACK_MAX_LINES, `keep at most ${SCROLLBACK_MAX_LINES} lines of scrollback`),
  ),
  /** Large text for projectors. */
  presentationMode: v.boolean(),
  /**
   * During a flood, text that would scroll past the whole scrollback unseen is not sent to the
   * page, and the program is not slowed down to the page's pace: the page ends with the same
   * screen and scrollback, recordings keep every byte (page-feed.ts).
   */
  fastForwardFloods: v.boolean(),
  /** Record every terminal from the moment it opens (asciicast v2, in recordingsDirectory). */
  alwaysRecord: v.boolean(),
  /** Where recordings go ("~" allowed). */
  recordingsDirectory: v.pipe(v.string(), v.trim(), v.minLength(1, 'give a folder for recordings'), v.maxLength(4096)),
});
export type Settings = v.InferOutput<typeof Settings>;

export const SettingsPatch = v.partial(Settings);
export type SettingsPatch = v.InferOutput<typeof SettingsPatch>;

export const defaultSettings: Settings = {
  theme: 'system',
  refreshIntervalSeconds: 10,
  terminalScrollbackLines: 10_000,
  presentationMode: false,
  fastForwardFloods: true,
  alwaysRecord: false,
  recordingsDirectory: '~/orangebox-recordings',
};

export type ConsoleHostKind = 'electron' | 'browser';

export interface AppAbout {
  name: string;
  version: string;
  host: ConsoleHostKind;
  platform: string;
  nodeVersion: string;
  /** Where saved labs and settings live (a file path), shown so an engineer can back it up. */
  storeLocation: string;
}

export interface SshConfigHost {
  /** The `Host` alias as written in the config. */
  alias: string;
  hostName: string;
  user: string | null;
  port: number;
  identityFiles: string[];
  /** Offer only the named identity files, not every key ssh-agent holds. */
  identitiesOnly: boolean;
  proxyJump: string | null;
  /** The file (after following Include) that declares it. */
  source: string;
}

export interface SshConfigHostList {
  hosts: SshConfigHost[];
  /** How the hosts were resolved: OpenSSH's own `ssh -G`, or the console's parser. */
  resolver: 'ssh -G' | 'parser';
  /** Files that could not be read or lines not understood, in words an engineer can act on. */
  warnings: string[];
}

export type ConnectionPhase = 'no-lab' | 'not-connected' | 'connecting' | 'connected' | 'failed';

export interface ConnectionState {
  labId: string | null;
  labName: string | null;
  phase: ConnectionPhase;
  /** One line for the status bar: "ubuntu@127.0.1.1:22", or why it failed. */
  detail: string;
  since: string;
  /** Set while a snapshot is open (phase "connected"): nothing runs on a lab, everything is as recorded. */
  snapshot?: OpenSnapshot | null;
  /**
   * Counts the core's changes of connection, newest highest. A reply can reach a page after a newer
   * change was streamed (Disconnect pressed while a snapshot was still opening): the page keeps the
   * newest and drops an older state.
   */
  revision?: number;
  /**
   * Which run of the core counted `revision` (chosen when the core starts): a core started again
   * counts from 0, and its states are not older than those of the run before.
   */
  coreRun?: string;
}

export type NoticeLevel = 'error' | 'warning' | 'info';

/** Something the core tells the engineer without being asked (the UI's error surface shows it). */
export interface CoreNotice {
  level: NoticeLevel;
  code: string;
  message: string;
  at: string;
}

export const LabSelection = v.object({ labId: v.nullable(LabId) });
export const LabRemoval = v.object({ labId: LabId });

/** A new host key: nothing is sent to the machine until the engineer accepts it. */
export interface HostKeyQuestion {
  kind: 'host-key';
  /** "ubuntu@127.0.1.1:22" */
  endpoint: string;
  host: string;
  port: number;
  keyType: string;
  /** "SHA256:…", as ssh-keygen -l prints it. */
  fingerprint: string;
  /** Key types known_hosts already holds for this host (a new type is worth a second look). */
  knownTypes: string[];
  /** Where an accepted key is written. */
  knownHostsFile: string;
  /** The @cert-authority lines of known_hosts that cover this host ("file line N, …"), or null. */
  certAuthority?: string | null;
  /** Why the machine's host certificate did not certify this key (expired, wrong principal, …), when a CA covers it. */
  certificateProblem?: string | null;
}

/** The passphrase of an encrypted key file; kept in memory only. */
export interface PassphraseQuestion {
  kind: 'passphrase';
  file: string;
  attempt: number;
  previousWasWrong: boolean;
  /** The app can keep it in the OS-encrypted store if asked (never the browser host). */
  canRemember: boolean;
}

export type PromptQuestion = HostKeyQuestion | PassphraseQuestion;
export type PendingPrompt = PromptQuestion & { promptId: string; askedAt: string };

export const PromptAnswer = v.variant('kind', [
  v.object({ kind: v.literal('host-key'), accept: v.boolean() }),
  v.object({
    kind: v.literal('passphrase'),
    passphrase: v.pipe(v.string(), v.maxLength(1024, 'a passphrase is limited to 1024 characters')),
    /** Keep it in the OS-encrypted store for later runs (only where canRemember). */
    remember: v.optional(v.boolean(), false),
  }),
]);
export type PromptAnswer = v.InferOutput<typeof PromptAnswer>;

export const PromptReply = v.object({
  promptId: v.pipe(v.string(), v.regex(/^prompt-[0-9a-f]{12}$/, 'that is not a question this console asked')),
  /** null: declined / dismissed. */
  answer: v.nullable(PromptAnswer),
});

export const LabConnectRequest = v.object({ labId: LabId });
