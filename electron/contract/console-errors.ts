// Errors cross the UI/core boundary as values: a stable code the UI can branch on and a message
// written for the field engineer (what happened, and what to do about it). Never a stack trace.

export const errorCodes = [
  'invalid-payload', // the caller sent something the contract does not allow
  'unknown-request', // the caller named a request the contract does not have
  'rate-limited', // the page sent requests faster than the browser host serves one page (terminal I/O is never limited)
  'not-found', // a named thing (lab, setting) does not exist
  'store-unreadable', // the settings file could not be read or parsed
  'store-unwritable', // the settings file could not be written
  'ssh-config-unreadable', // ~/.ssh/config (or an Include) could not be read
  'recording-unplayable', // a file is not a playable asciicast v2 recording (damaged, not UTF-8, too large)
  'transport-closed', // the carrier between UI and core went away
  'ssh-unreachable', // nothing answered at host:port (down, wrong address, firewall)
  'ssh-timeout', // the SSH handshake or login did not finish in time
  'ssh-auth-refused', // the machine refused every credential offered
  'ssh-host-key-unknown', // the engineer declined (or has not yet accepted) a new host key
  'ssh-host-key-changed', // the host key differs from known_hosts: refused
  'ssh-disconnected', // the connection dropped
  'command-timeout', // a command on a lab machine ran past its time limit
  'parse-timeout', // reading a command's output ran past its time limit (hostile or absurdly large output): the parse was stopped
  'command-failed', // a command could not be started (channel refused, …)
  'snapshot-read-only', // the open lab is a snapshot: it answers from its file and runs nothing new
  'snapshot-unreadable', // a file is not a snapshot this console can open (foreign, damaged, newer format, too large, crafted)
  'snapshot-unwritable', // a snapshot could not be written (too large, the folder is missing, the disk refused)
  'core-stopped', // the console core's process ended (desktop app): restart it; its terminals were lost
  'internal', // a bug: the message says what failed
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ConsoleErrorValue {
  code: ErrorCode;
  message: string;
}

/** Thrown inside the core; the dispatcher turns it into a ConsoleErrorValue for the UI. */
export class ConsoleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }

  toValue(): ConsoleErrorValue {
    return { code: this.code, message: this.message };
  }
}

export function isConsoleErrorValue(value: unknown): value is ConsoleErrorValue {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (errorCodes as readonly string[]).includes(candidate.code)
  );
}

/** The UI side: a rejected request carries the core's code and message. */
export class ConsoleRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly request: string,
  ) {
    super(message);
    this.name = 'ConsoleRequestError';
  }
}
