// Questions the core must ask the engineer in the middle of work (accept this new host key? the
// passphrase of this key file?). A question is pushed to every attached UI; the first answer
// wins; an unanswered question expires with a refusal, so nothing waits forever.
import { randomBytes } from 'node:crypto';
import { ConsoleError } from '../contract/console-errors';
import type { PromptAnswer, PromptQuestion, PendingPrompt } from '../contract/payloads';
import type { StreamHub } from './stream-hub';

/** Long enough to read a fingerprint aloud to a colleague; short enough not to hang a refresh. */
export const PROMPT_TIMEOUT_MS = 5 * 60_000;

interface OpenPrompt {
  prompt: PendingPrompt;
  resolve: (answer: PromptAnswer | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PromptBroker {
  private readonly open = new Map<string, OpenPrompt>();

  constructor(
    private readonly streams: StreamHub,
    private readonly timeoutMs = PROMPT_TIMEOUT_MS,
  ) {}

  /** Resolves with the engineer's answer, or null when declined, dismissed or expired. */
  ask(question: PromptQuestion): Promise<PromptAnswer | null> {
    const prompt: PendingPrompt = { ...question, promptId: `prompt-${randomBytes(6).toString('hex')}`, askedAt: new Date().toISOString() };
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.close(prompt.promptId, null), this.timeoutMs);
      this.open.set(prompt.promptId, { prompt, resolve, timer });
      this.streams.push('prompt.opened', prompt);
    });
  }

  answer(promptId: string, answer: PromptAnswer | null): void {
    const entry = this.open.get(promptId);
    if (!entry) throw new ConsoleError('not-found', 'that question was already answered or has expired; retry the connection to be asked again');
    if (answer !== null && answer.kind !== entry.prompt.kind) {
      throw new ConsoleError('invalid-payload', `that answer is for a ${answer.kind} question, but this one asks for a ${entry.prompt.kind}`);
    }
    this.close(promptId, answer);
  }

  pending(): PendingPrompt[] {
    return [...this.open.values()].map((entry) => entry.prompt);
  }

  /** Declines every open question (the core is shutting down). */
  closeAll(): void {
    for (const promptId of [...this.open.keys()]) this.close(promptId, null);
  }

  private close(promptId: string, answer: PromptAnswer | null): void {
    const entry = this.open.get(promptId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.open.delete(promptId);
    this.streams.push('prompt.closed', { promptId });
    entry.resolve(answer);
  }
}
