// Passphrases: asked once and kept in memory; kept across runs only when the engineer asks and an
// OS-encrypted store exists; a remembered one that no longer works is forgotten.
import { describe, expect, it } from 'vitest';
import { PromptBroker } from '../../electron/core/prompt-broker';
import { StreamHub } from '../../electron/core/stream-hub';
import { RememberedPassphrases } from '../../electron/ssh/remembered-passphrases';
import type { SecretVault } from '../../electron/ssh/secret-vault';
import type { PendingPrompt } from '../../electron/contract/payloads';

function makeBroker() {
  const streams = new StreamHub();
  const broker = new PromptBroker(streams);
  const asked: PendingPrompt[] = [];
  streams.attach((stream, payload) => {
    if (stream === 'prompt.opened') asked.push(payload as PendingPrompt);
  });
  return { broker, asked };
}

class MemoryVault implements SecretVault {
  readonly entries = new Map<string, string>();
  async load(name: string) {
    return this.entries.get(name) ?? null;
  }
  async save(name: string, secret: string) {
    this.entries.set(name, secret);
  }
  async forget(name: string) {
    this.entries.delete(name);
  }
}

const KEY = '/home/engineer/.ssh/orangebox_ed25519';

async function answerNext(side: ReturnType<typeof makeBroker>, passphrase: string, remember: boolean, count: number) {
  await expect.poll(() => side.asked.length).toBe(count);
  side.broker.answer(side.asked[count - 1]!.promptId, { kind: 'passphrase', passphrase, remember });
}

describe('remembered passphrases', () => {
  it('asks once per run and never offers to remember without an encrypted store', async () => {
    const side = makeBroker();
    const passphrases = new RememberedPassphrases(side.broker, null);
    const first = passphrases.passphraseFor(KEY, 1, false);
    await answerNext(side, 'correct horse', true, 1);
    expect(await first).toBe('correct horse');
    expect(side.asked[0]).toMatchObject({ kind: 'passphrase', file: KEY, canRemember: false });
    expect(await passphrases.passphraseFor(KEY, 1, false)).toBe('correct horse');
    expect(side.asked).toHaveLength(1);
  });

  it('keeps it in the vault only when asked, and a later run uses it without asking', async () => {
    const vault = new MemoryVault();
    const first = makeBroker();
    const notKept = new RememberedPassphrases(first.broker, vault);
    const answer = notKept.passphraseFor(KEY, 1, false);
    await answerNext(first, 'correct horse', false, 1);
    await answer;
    expect(vault.entries.size).toBe(0);

    const kept = new RememberedPassphrases(first.broker, vault);
    const again = kept.passphraseFor('/other/key', 1, false);
    await answerNext(first, 'battery staple', true, 2);
    await again;
    expect([...vault.entries.values()]).toEqual(['battery staple']);

    const laterRun = makeBroker();
    expect(await new RememberedPassphrases(laterRun.broker, vault).passphraseFor('/other/key', 1, false)).toBe('battery staple');
    expect(laterRun.asked).toHaveLength(0);
  });

  it('forgets a remembered passphrase that no longer unlocks the key', async () => {
    const vault = new MemoryVault();
    await vault.save(`ssh-key-passphrase:${KEY}`, 'old one');
    const side = makeBroker();
    const passphrases = new RememberedPassphrases(side.broker, vault);
    expect(await passphrases.passphraseFor(KEY, 1, false)).toBe('old one');
    const retry = passphrases.passphraseFor(KEY, 2, true);
    await answerNext(side, 'new one', false, 1);
    expect(await retry).toBe('new one');
    expect(side.asked[0]).toMatchObject({ previousWasWrong: true, canRemember: true });
    expect(vault.entries.size).toBe(0);
  });
});
