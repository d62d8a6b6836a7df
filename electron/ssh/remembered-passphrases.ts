// Passphrases of encrypted key files, asked through the UI and kept in this process's memory
// only (never written, logged or sent back to a page), so a reconnect does not ask again.
import type { PromptBroker } from '../core/prompt-broker';
import type { PassphraseSource } from './ssh-auth';

export class RememberedPassphrases implements PassphraseSource {
  private readonly remembered = new Map<string, string>();

  constructor(private readonly broker: PromptBroker) {}

  async passphraseFor(file: string, attempt: number, previousWasWrong: boolean): Promise<string | null> {
    const known = this.remembered.get(file);
    if (attempt === 1 && known !== undefined) return known;
    const answer = await this.broker.ask({ kind: 'passphrase', file, attempt, previousWasWrong: previousWasWrong || (attempt === 1 && known !== undefined) });
    if (answer?.kind !== 'passphrase') return null;
    this.remembered.set(file, answer.passphrase);
    return answer.passphrase;
  }

  forget(): void {
    this.remembered.clear();
  }
}
