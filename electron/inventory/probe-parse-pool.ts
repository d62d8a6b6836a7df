// Parses probe outputs on a worker thread, one at a time, each within a time bound: a parse that
// runs past it is stopped (its thread terminated, the only way to stop a running parser) and a
// fresh thread takes the next. The thread starts when the first big output arrives and is kept
// for the next; it holds the process open only while it parses.
import { Worker } from 'node:worker_threads';
import { ConsoleError } from '../contract/console-errors';
import { restoreNullPrototypes } from '../probes/parsers/null-prototype-records';
import type { ParseResult } from '../probes/parsers/parse-result';
import type { ParseAnswer, ParseRequest } from './probe-parse-messages';
import { probeParseWorkerFile, type ProbeParseWorkerFile } from './probe-parse-worker-file';

/**
 * The longest one parse may take. The biggest real output, `lxc list` of 5,000 instances (~20 MB),
 * parses on the worker in under two seconds on this loaded two-core machine; five times that is a
 * parser gone quadratic on hostile input, not a slow lab.
 */
export const PARSE_TIME_LIMIT_MS = 10_000;

export interface ParseJob {
  probeId: string;
  /** The command line, for the message when the parse is stopped. */
  command: string;
  text: string;
}

interface QueuedJob extends ParseJob {
  timeLimitMs: number;
  resolve(result: ParseResult<unknown>): void;
  reject(error: ConsoleError): void;
}

interface RunningJob {
  jobId: number;
  job: QueuedJob;
  timer: NodeJS.Timeout;
}

const sizeInWords = (text: string): string => {
  const bytes = Buffer.byteLength(text);
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
};

export class ProbeParsePool {
  private worker: Worker | null = null;
  private running: RunningJob | null = null;
  private readonly waiting: QueuedJob[] = [];
  private nextJobId = 1;

  constructor(private readonly workerFile: () => ProbeParseWorkerFile = probeParseWorkerFile) {}

  /** The probe's parse of `text`, or a ConsoleError in words when it was stopped or failed. */
  parse(job: ParseJob, timeLimitMs = PARSE_TIME_LIMIT_MS): Promise<ParseResult<unknown>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...job, timeLimitMs, resolve, reject });
      this.pump();
    });
  }

  /** Ends the thread; parses still waiting fail. */
  async close(): Promise<void> {
    const ended = new ConsoleError('internal', 'the console is closing: the output was not parsed');
    for (const job of this.waiting.splice(0)) job.reject(ended);
    this.abandon(ended);
  }

  private pump(): void {
    if (this.running || this.waiting.length === 0) return;
    const job = this.waiting.shift()!;
    const worker = this.worker ?? this.start();
    const jobId = this.nextJobId++;
    // The bound counts from here: a thread still starting is part of the wait the core sees.
    const timer = setTimeout(() => {
      this.abandon(new ConsoleError('parse-timeout', `parsing the output of \`${job.command}\` (${sizeInWords(job.text)}) took longer than ${job.timeLimitMs / 1000} s; it was stopped`));
    }, job.timeLimitMs);
    this.running = { jobId, job, timer };
    worker.ref();
    worker.postMessage({ jobId, probeId: job.probeId, text: job.text } satisfies ParseRequest);
  }

  private start(): Worker {
    const { file, execArgv } = this.workerFile();
    const worker = new Worker(file, { execArgv, name: 'probe-parse' });
    worker.on('message', (answer: ParseAnswer) => this.answered(worker, answer));
    worker.on('error', (error) => this.failed(worker, error.message));
    worker.on('exit', (code) => this.failed(worker, `it exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private answered(worker: Worker, answer: ParseAnswer): void {
    const running = this.running;
    if (worker !== this.worker || !running || answer.jobId !== running.jobId) return;
    clearTimeout(running.timer);
    this.running = null;
    worker.unref();
    if ('failure' in answer) running.job.reject(new ConsoleError('internal', `parsing the output of \`${running.job.command}\` failed: ${answer.failure}`));
    else {
      restoreNullPrototypes(answer.result, answer.nullPrototypes);
      running.job.resolve(answer.result);
    }
    this.pump();
  }

  private failed(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.abandon(new ConsoleError('internal', `the thread parsing the output of \`${this.running?.job.command ?? 'a probe'}\` stopped (${reason}); it will be started again`));
  }

  /** Ends the current thread, failing its parse with `error`; the next parse gets a new thread. */
  private abandon(error: ConsoleError): void {
    const worker = this.worker;
    const running = this.running;
    this.worker = null;
    this.running = null;
    if (worker) void worker.terminate();
    if (running) {
      clearTimeout(running.timer);
      running.job.reject(error);
    }
    this.pump();
  }
}
