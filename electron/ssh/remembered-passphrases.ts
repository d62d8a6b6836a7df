// Passphrases of encrypted key files, asked through the UI and kept in this process's memory
// (never written in clear, logged or sent back to a page), so a reconnect does not ask again.
// When the engineer opts in and an OS-encrypted store exists, they are kept there across runs.
import type { PromptBroker } from '../core/prompt-broker';
import type { PassphraseSource } from './ssh-auth';
import type { SecretVault } from './secret-vault';

const vaultName = (file: string) => `ssh-key-passphrase:${file}`;

export class RememberedPassphrases implements PassphraseSource {
  private readonly remembered = new Map<string, string>();
  /** Files whose passphrase came from the vault on this attempt (so a wrong one is forgotten). */
  private readonly fromVault = new Set<string>();

  constructor(
    private readonly broker: PromptBroker,
    private readonly vault: SecretVault | null = null,
  ) {}

  async passphraseFor(file: string, attempt: number, previousWasWrong: boolean): Promise<string | null> {
    if (attempt === 1) {
      const known = this.remembered.get(file) ?? (await this.vault?.load(vaultName(file))) ?? undefined;
      if (known !== undefined) {
        if (!this.remembered.has(file)) this.fromVault.add(file);
        this.remembered.set(file, known);
        return known;
      }
    }
    if (previousWasWrong && this.fromVault.delete(file)) await this.vault?.forget(vaultName(file));
    const answer = await this.broker.ask({ kind: 'passphrase', file, attempt, previousWasWrong, canRemember: this.vault !== null });
    if (answer?.kind !== 'passphrase') return null;
    this.remembered.set(file, answer.passphrase);
    if (answer.remember && this.vault) {
      await this.vault.save(vaultName(file), answer.passphrase);
      this.fromVault.add(file);
    }
    return answer.passphrase;
  }

  /** Forgets what is in memory (the OS store keeps what the engineer asked it to keep). */
  forget(): void {
    this.remembered.clear();
    this.fromVault.clear();
  }
}
