// Writes a terminal session as an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/):
// a JSON header line, then one JSON line per event [seconds, "o" | "i" | "r", data]. Each event
// is appended as it happens, so a recording survives a crash of the page (or of the console,
// up to its last event).
//
// When the disk fills up or the folder stops taking writes, the recording stops and says why (the
// terminal goes on), and the file is cut back to its last whole event: it still opens and plays.
import { closeSync, ftruncateSync, mkdirSync, openSync, write } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConsoleError } from '../contract/console-errors';

/** Why a file cannot be written, in words, for the errors a full or read-only folder gives. */
export function writeFailureInWords(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the folder is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the folder does not exist';
    default:
      return error.message;
  }
}

export class AsciicastRecorder {
  private readonly fd: number;
  private readonly started = performance.now();
  private failed: Error | null = null;
  /** Lines handed to the file and not yet written, in order (one write at a time keeps them whole). */
  private pending: string[] = [];
  private writing = false;
  /** Bytes of whole lines the file holds: where it is cut back to when a write fails. */
  private wholeBytes = 0;
  private closed = false;
  private fileClosed = false;
  private drained: (() => void)[] = [];

  /**
   * Opens the file at once, so a folder that cannot take it (read-only, missing, not ours) is
   * refused when the recording starts, not silently later. `onFailure` is told when a later write
   * fails (the disk filled up): the recording has stopped then, the file ends on a whole event.
   */
  constructor(
    readonly path: string,
    header: { cols: number; rows: number; title: string; term: string },
    private readonly onFailure: (reason: string) => void = () => {},
  ) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new ConsoleError('store-unwritable', `cannot create the folder for the recording ${path}: ${writeFailureInWords(error as NodeJS.ErrnoException)}`);
    }
    try {
      this.fd = openSync(path, 'w', 0o600);
    } catch (error) {
      throw new ConsoleError('store-unwritable', `cannot write the recording ${path}: ${writeFailureInWords(error as NodeJS.ErrnoException)}`);
    }
    this.line({ version: 2, width: header.cols, height: header.rows, timestamp: Math.floor(Date.now() / 1000), title: header.title, env: { TERM: header.term } });
  }

  output(data: string): void {
    this.event('o', data);
  }

  input(data: string): void {
    this.event('i', data);
  }

  resize(cols: number, rows: number): void {
    this.event('r', `${cols}x${rows}`);
  }

  get error(): Error | null {
    return this.failed;
  }

  /** Writes what is pending, then closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.closed = true;
      this.drained.push(resolve);
      this.settle();
    });
  }

  private event(code: 'o' | 'i' | 'r', data: string): void {
    const seconds = Math.round(performance.now() - this.started) / 1000;
    this.line([seconds, code, data]);
  }

  private line(value: unknown): void {
    if (this.failed || this.closed) return;
    this.pending.push(`${JSON.stringify(value)}\n`);
    this.writeNext();
  }

  private writeNext(): void {
    if (this.writing || this.failed) return this.settle();
    if (this.pending.length === 0) return this.settle();
    const bytes = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.writing = true;
    this.writeAll(bytes, 0);
  }

  /** One buffer of whole lines; a short write goes on from where it stopped. */
  private writeAll(bytes: Buffer, offset: number): void {
    write(this.fd, bytes, offset, bytes.length - offset, null, (error, written) => {
      if (error) return this.fail(error);
      if (offset + written < bytes.length) return this.writeAll(bytes, offset + written);
      this.wholeBytes += bytes.length;
      this.writing = false;
      this.writeNext();
    });
  }

  private fail(error: NodeJS.ErrnoException): void {
    this.failed = error;
    this.writing = false;
    this.pending = [];
    try {
      ftruncateSync(this.fd, this.wholeBytes);
    } catch {
      // The file keeps a cut-off last line then; readers of recordings play it without that line.
    }
    this.onFailure(`${writeFailureInWords(error)} (${this.path}); what was recorded before is kept and plays`);
    this.settle();
  }

  /** Once closing and nothing is left to write, the file is closed and waiters released. */
  private settle(): void {
    if (!this.closed || this.writing || (this.pending.length > 0 && !this.failed)) return;
    const waiters = this.drained.splice(0);
    if (waiters.length === 0) return;
    if (!this.fileClosed) {
      this.fileClosed = true;
      closeSync(this.fd);
    }
    for (const resolve of waiters) resolve();
  }
}
