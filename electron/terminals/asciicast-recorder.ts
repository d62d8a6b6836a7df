// Writes a terminal session as an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/):
// a JSON header line, then one JSON line per event [seconds, "o" | "i" | "r", data]. Each event
// is appended as it happens, so a recording survives a crash of the page (or of the console,
// up to its last event).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConsoleError } from '../contract/console-errors';

export class AsciicastRecorder {
  private readonly stream: WriteStream;
  private readonly started = performance.now();
  private failed: Error | null = null;

  constructor(
    readonly path: string,
    header: { cols: number; rows: number; title: string; term: string },
  ) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new ConsoleError('store-unwritable', `cannot create the folder for the recording ${path}: ${(error as Error).message}`);
    }
    this.stream = createWriteStream(path, { flags: 'w', mode: 0o600 });
    this.stream.on('error', (error) => (this.failed = error));
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

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }

  private event(code: 'o' | 'i' | 'r', data: string): void {
    const seconds = Math.round(performance.now() - this.started) / 1000;
    this.line([seconds, code, data]);
  }

  private line(value: unknown): void {
    if (!this.failed) this.stream.write(`${JSON.stringify(value)}\n`);
  }
}
