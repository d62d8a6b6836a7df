// Whether a host key the handshake presented is certified by a CA that known_hosts trusts for this
// host (@cert-authority), as OpenSSH would decide: the machine's certificates are fetched out of
// band, and one must certify exactly this key, verify under a trusted CA's key, be a host
// certificate valid now for the name used, and its CA must not be @revoked.
import type { Duplex } from 'node:stream';
import { fingerprintOf, knownHostsName, type CertAuthorityLine, type HostKey, type KnownHosts } from './known-hosts';
import { fetchHostCertificates, type CertificateFetch } from './host-certificate-fetch';
import { certificateProblem, parseHostCertificate, signatureIsValid, type HostCertificate } from './host-certificate';

export type Certification =
  | { status: 'certified'; caFingerprint: string; file: string; line: number; keyId: string }
  | { status: 'revoked'; caFingerprint: string; file: string; line: number }
  | { status: 'uncertified'; problem: string };

export interface CertificationInput {
  /** The name the engineer connected to (principals are matched against it, lower-cased as ssh does). */
  host: string;
  presentedKey: Buffer;
  authorities: CertAuthorityLine[];
  fetch: () => Promise<CertificateFetch>;
  revocationOf: (blob: Buffer) => Promise<{ file: string; line: number } | null>;
  now?: Date;
}

export async function certifyHostKey(input: CertificationInput): Promise<Certification> {
  const fetched = await input.fetch();
  if ('problem' in fetched) return { status: 'uncertified', problem: fetched.problem };
  const unreadable: string[] = [];
  const forThisKey: HostCertificate[] = [];
  for (const blob of fetched.certificates) {
    try {
      const certificate = parseHostCertificate(blob);
      if (certificate.certifiedKey.equals(input.presentedKey)) forThisKey.push(certificate);
    } catch (error) {
      unreadable.push(`a certificate could not be read (${(error as Error).message})`);
    }
  }
  if (forThisKey.length === 0) {
    return { status: 'uncertified', problem: [...unreadable, `none of the machine's ${fetched.certificates.length} certificate(s) certifies the key this connection was shown`].join('; ') };
  }
  const problems: string[] = [];
  for (const certificate of forThisKey) {
    const caFingerprint = fingerprintOf(certificate.signatureKey);
    const authority = input.authorities.find((line) => line.key.equals(certificate.signatureKey));
    if (!authority) {
      problems.push(`the certificate is signed by CA ${caFingerprint}, not by the CA of ${input.authorities.map(where).join(' or ')}`);
      continue;
    }
    let signed = false;
    try {
      signed = signatureIsValid(certificate, authority.key);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    if (!signed) {
      problems.push(`the certificate's signature does not verify with CA ${caFingerprint} (${where(authority)}): it was not signed by that CA`);
      continue;
    }
    const revoked = await input.revocationOf(certificate.signatureKey);
    if (revoked) return { status: 'revoked', caFingerprint, ...revoked };
    const problem = certificateProblem(certificate, { name: input.host.toLowerCase(), presentedKey: input.presentedKey, now: input.now ?? new Date() });
    if (problem) {
      problems.push(`the certificate signed by CA ${caFingerprint} is refused: ${problem}`);
      continue;
    }
    return { status: 'certified', caFingerprint, file: authority.file, line: authority.line, keyId: certificate.keyId };
  }
  return { status: 'uncertified', problem: [...new Set(problems)].join('; ') };
}

const where = (line: CertAuthorityLine): string => `${line.file} line ${line.line}`;

/** Fetches the certificates along the connection's route. */
export type HostCertificateFetcher = (host: string, port: number, options: { reach: (() => Promise<Duplex>) | null; keyType: string }) => Promise<CertificateFetch>;

/** The check for a key the handshake presented (certificates fetched along `reach`); never throws. */
export function certifyPresentedKey(
  knownHosts: KnownHosts,
  target: { host: string; port: number },
  key: HostKey,
  authorities: CertAuthorityLine[],
  reach: (() => Promise<Duplex>) | null,
  fetch: HostCertificateFetcher = fetchHostCertificates,
): Promise<Certification> {
  return certifyHostKey({
    host: target.host,
    presentedKey: key.blob,
    authorities,
    fetch: () => fetch(target.host, target.port, { reach, keyType: key.type }),
    revocationOf: (blob) => knownHosts.revocationOf(blob),
  }).catch((error: unknown) => ({ status: 'uncertified' as const, problem: `the certificate could not be checked: ${(error as Error).message}` }));
}

/** "[host]:port: host key TYPE SHA256:… certified by CA SHA256:… (file line N; certificate "id")" */
export function certifiedNotice(target: { host: string; port: number }, key: HostKey, certified: Extract<Certification, { status: 'certified' }>): string {
  return `${knownHostsName(target.host, target.port)}: host key ${key.type} ${fingerprintOf(key.blob)} certified by CA ${certified.caFingerprint} (${certified.file} line ${certified.line}; certificate "${certified.keyId.slice(0, 64)}")`;
}

/** Why a key certified by a @revoked CA is refused, with the line that revokes it. */
export function revokedCaRefusal(target: { host: string; port: number }, key: HostKey, revoked: Extract<Certification, { status: 'revoked' }>): string {
  return `the host key of ${knownHostsName(target.host, target.port)} (${key.type} ${fingerprintOf(key.blob)}) is certified by CA ${revoked.caFingerprint}, which is marked @revoked in ${revoked.file} line ${revoked.line}; nothing was sent`;
}
