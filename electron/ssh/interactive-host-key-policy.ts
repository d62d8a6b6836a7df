// The console's host-key rule, OpenSSH's "ask" made visible: a known key passes; a CHANGED or
// revoked key is refused with the file and line to look at; a new key is shown to the engineer
// (SHA256 fingerprint) and nothing is sent until they accept, which appends it to known_hosts.
// A new key that a @cert-authority of known_hosts certifies passes without a question, as in
// OpenSSH; when the certificate fails, the question says why.
import type { Duplex } from 'node:stream';
import { ConsoleError } from '../contract/console-errors';
import type { PromptBroker } from '../core/prompt-broker';
import { KnownHosts, fingerprintOf, knownHostsName, type CertAuthorityLine, type HostKey } from './known-hosts';
import { certifiedNotice, certifyPresentedKey, revokedCaRefusal, type HostCertificateFetcher } from './host-key-certification';
import type { HostKeyDecision, HostKeyPolicy, SshTarget } from './ssh-connection';

export class InteractiveHostKeyPolicy implements HostKeyPolicy {
  /** One question per new key, however many connections race to the same machine. */
  private readonly asking = new Map<string, Promise<HostKeyDecision>>();

  constructor(
    private readonly knownHosts: KnownHosts,
    private readonly broker: PromptBroker,
    private readonly options: HostCertificateOptions = {},
  ) {}

  preferredTypes(target: SshTarget): Promise<string[]> {
    return this.knownHosts.knownTypesFor(target.host, target.port);
  }

  async decide(target: SshTarget, key: HostKey, reach: (() => Promise<Duplex>) | null = null): Promise<HostKeyDecision> {
    const where = knownHostsName(target.host, target.port);
    const fingerprint = fingerprintOf(key.blob);
    const verdict = await this.knownHosts.verify(target.host, target.port, key);
    switch (verdict.status) {
      case 'known':
        return { accept: true };
      case 'revoked':
        return refuse('ssh-host-key-changed', `the host key of ${where} (${key.type} ${fingerprint}) is marked @revoked in ${verdict.file} line ${verdict.line}; nothing was sent`);
      case 'changed':
        return refuse(
          'ssh-host-key-changed',
          `the host key of ${where} has CHANGED (now ${key.type} ${fingerprint}): possible interception, or the machine was reinstalled. Nothing was sent. ` +
            `The old key is in ${verdict.file} line ${verdict.line}; if the change is expected, remove it (ssh-keygen -R '${where}' -f ${verdict.file}) and connect again.`,
        );
      case 'unknown': {
        const askKey = `${where} ${fingerprint}`;
        const existing = this.asking.get(askKey);
        if (existing) return existing;
        const asked = this.certifyOrAsk(target, key, fingerprint, verdict.knownTypes, verdict.certAuthorities, reach).finally(() => this.asking.delete(askKey));
        this.asking.set(askKey, asked);
        return asked;
      }
    }
  }

  private async certifyOrAsk(
    target: SshTarget,
    key: HostKey,
    fingerprint: string,
    knownTypes: string[],
    authorities: CertAuthorityLine[],
    reach: (() => Promise<Duplex>) | null,
  ): Promise<HostKeyDecision> {
    if (authorities.length === 0) return this.askAbout(target, key, fingerprint, knownTypes, null, null);
    const certification = await certifyPresentedKey(this.knownHosts, target, key, authorities, reach, this.options.fetchCertificates);
    switch (certification.status) {
      case 'certified':
        this.options.onCertified?.(certifiedNotice(target, key, certification));
        return { accept: true };
      case 'revoked':
        return refuse('ssh-host-key-changed', revokedCaRefusal(target, key, certification));
      case 'uncertified':
        return this.askAbout(target, key, fingerprint, knownTypes, authorities.map((line) => `${line.file} line ${line.line}`).join(', '), certification.problem);
    }
  }

  private async askAbout(
    target: SshTarget,
    key: HostKey,
    fingerprint: string,
    knownTypes: string[],
    certAuthority: string | null,
    certificateProblem: string | null,
  ): Promise<HostKeyDecision> {
    const where = knownHostsName(target.host, target.port);
    const answer = await this.broker.ask({
      kind: 'host-key',
      endpoint: `${target.user}@${target.host}:${target.port}`,
      host: target.host,
      port: target.port,
      keyType: key.type,
      fingerprint,
      knownTypes,
      knownHostsFile: this.knownHosts.files[0] ?? '',
      certAuthority,
      certificateProblem,
    });
    if (answer?.kind !== 'host-key' || !answer.accept) {
      return refuse('ssh-host-key-unknown', `the host key of ${where} (${key.type} ${fingerprint}) was not accepted; nothing was sent to it`);
    }
    await this.knownHosts.accept(target.host, target.port, key);
    return { accept: true };
  }
}

export interface HostCertificateOptions {
  /** Where host certificates come from (by default `ssh-keyscan -c` on the connection's route). */
  fetchCertificates?: HostCertificateFetcher;
  /** Told, in words, of each key accepted because a trusted CA certified it. */
  onCertified?: (message: string) => void;
}

const refuse = (code: ConsoleError['code'], message: string): HostKeyDecision => ({ accept: false, error: new ConsoleError(code, message) });
