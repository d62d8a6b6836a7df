// OpenSSH host certificates (PROTOCOL.certkeys), read and checked the way ssh's check_host_cert
// does: a host certificate, signed (signature verified here with node:crypto) by a CA that a
// @cert-authority line names, valid now, listing the name the engineer connected to, with no
// critical options, and certifying exactly the key the SSH handshake presented. The certificate
// comes from outside the handshake (ssh2 negotiates no certificate algorithm), so that last check
// is what binds it to this connection: a certificate for any other key proves nothing here.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { globToRegExp } from '../ssh-config/ssh-config-file';

/** A certificate larger than this is not one (OpenSSH's own are ~1-3 KB with an RSA-4096 CA). */
export const MAX_CERTIFICATE_BYTES = 16 * 1024;
/** OpenSSH's SSH2_CERT_TYPE_HOST. */
const CERT_TYPE_HOST = 2;
/** valid_before of a certificate made with `-V always:forever`. */
const FOREVER = 0xffff_ffff_ffff_ffffn;

export interface HostCertificate {
  /** e.g. ssh-ed25519-cert-v01@openssh.com */
  type: string;
  /** The plain public key it certifies, in wire form (what the handshake shows). */
  certifiedKey: Buffer;
  serial: bigint;
  certType: number;
  keyId: string;
  principals: string[];
  validAfter: bigint;
  validBefore: bigint;
  criticalOptions: Buffer;
  /** The CA's public key, in wire form. */
  signatureKey: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
  /** Everything the CA signed: the certificate up to and including the signature key. */
  signedData: Buffer;
}

/** The wire reader of RFC 4251's types; every read is bounds-checked. */
class WireReader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}
  get position(): number {
    return this.offset;
  }
  get done(): boolean {
    return this.offset === this.data.length;
  }
  uint32(): number {
    if (this.offset + 4 > this.data.length) throw new Error('the certificate is cut short');
    const value = this.data.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  uint64(): bigint {
    if (this.offset + 8 > this.data.length) throw new Error('the certificate is cut short');
    const value = this.data.readBigUInt64BE(this.offset);
    this.offset += 8;
    return value;
  }
  bytes(): Buffer {
    const length = this.uint32();
    if (this.offset + length > this.data.length) throw new Error('the certificate is cut short');
    const value = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
  text(): string {
    return this.bytes().toString('utf8');
  }
}

const wireString = (value: Buffer | string): Buffer => {
  const body = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
};

/** Per certificate type: the plain key type and how many key fields follow the nonce. */
const CERTIFIED_TYPES: Record<string, { plainType: string; fields: number }> = {
  'ssh-ed25519-cert-v01@openssh.com': { plainType: 'ssh-ed25519', fields: 1 },
  'ecdsa-sha2-nistp256-cert-v01@openssh.com': { plainType: 'ecdsa-sha2-nistp256', fields: 2 },
  'ecdsa-sha2-nistp384-cert-v01@openssh.com': { plainType: 'ecdsa-sha2-nistp384', fields: 2 },
  'ecdsa-sha2-nistp521-cert-v01@openssh.com': { plainType: 'ecdsa-sha2-nistp521', fields: 2 },
  'ssh-rsa-cert-v01@openssh.com': { plainType: 'ssh-rsa', fields: 2 },
};

/** Reads a certificate's wire form; throws an Error saying what is wrong with it. */
export function parseHostCertificate(blob: Buffer): HostCertificate {
  if (blob.length > MAX_CERTIFICATE_BYTES) throw new Error(`the certificate is ${blob.length} bytes, more than the ${MAX_CERTIFICATE_BYTES} a certificate can be`);
  const reader = new WireReader(blob);
  const type = reader.text();
  const shape = CERTIFIED_TYPES[type];
  if (!shape) throw new Error(`${type.slice(0, 64)} is not a certificate type this console checks (ed25519, ecdsa nistp256/384/521, rsa)`);
  reader.bytes(); // nonce
  const keyFields = Array.from({ length: shape.fields }, () => reader.bytes());
  const serial = reader.uint64();
  const certType = reader.uint32();
  const keyId = reader.text();
  const principalsReader = new WireReader(reader.bytes());
  const principals: string[] = [];
  while (!principalsReader.done) principals.push(principalsReader.text());
  const validAfter = reader.uint64();
  const validBefore = reader.uint64();
  const criticalOptions = reader.bytes();
  reader.bytes(); // extensions: none concern a host certificate
  reader.bytes(); // reserved
  const signatureKey = reader.bytes();
  const signedData = blob.subarray(0, reader.position);
  const signatureReader = new WireReader(reader.bytes());
  if (!reader.done) throw new Error('the certificate has bytes after its signature');
  const signatureAlgorithm = signatureReader.text();
  const signature = signatureReader.bytes();
  return {
    type,
    certifiedKey: Buffer.concat([wireString(shape.plainType), ...keyFields.map((field) => wireString(field))]),
    serial,
    certType,
    keyId,
    principals,
    validAfter,
    validBefore,
    criticalOptions,
    signatureKey,
    signatureAlgorithm,
    signature,
    signedData,
  };
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');
/** An mpint may carry a leading zero byte (sign); JWK wants the bare magnitude. */
const unsignedMagnitude = (mpint: Buffer): Buffer => {
  let start = 0;
  while (start < mpint.length - 1 && mpint[start] === 0) start += 1;
  return mpint.subarray(start);
};

const CURVES: Record<string, { jwk: string; hash: string; size: number }> = {
  nistp256: { jwk: 'P-256', hash: 'sha256', size: 32 },
  nistp384: { jwk: 'P-384', hash: 'sha384', size: 48 },
  nistp521: { jwk: 'P-521', hash: 'sha512', size: 66 },
};

/** How a CA key of one type signs: the signature algorithms OpenSSH's default CASignatureAlgorithms allows. */
interface CaKey {
  key: KeyObject;
  /** ECDSA signatures are handed to node as r||s (see decode). */
  dsaEncoding?: 'ieee-p1363';
  /** signature algorithm name → node hash (null for ed25519) and signature decoding */
  algorithms: Record<string, { hash: string | null; decode: (signature: Buffer) => Buffer }>;
}

function caKeyOf(blob: Buffer): CaKey {
  const reader = new WireReader(blob);
  const type = reader.text();
  if (type === 'ssh-ed25519') {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64url(reader.bytes()) }, format: 'jwk' });
    return { key, algorithms: { 'ssh-ed25519': { hash: null, decode: (signature) => signature } } };
  }
  const ecdsa = /^ecdsa-sha2-(nistp256|nistp384|nistp521)$/.exec(type);
  if (ecdsa) {
    const curve = CURVES[ecdsa[1]!]!;
    reader.bytes(); // curve name, repeated
    const point = reader.bytes();
    if (point[0] !== 4 || point.length !== 1 + 2 * curve.size) throw new Error(`the CA's ${type} key is not an uncompressed point`);
    const key = createPublicKey({
      key: { kty: 'EC', crv: curve.jwk, x: base64url(point.subarray(1, 1 + curve.size)), y: base64url(point.subarray(1 + curve.size)) },
      format: 'jwk',
    });
    // An SSH ECDSA signature is string(mpint r, mpint s); node takes r||s at the curve's size.
    const decode = (signature: Buffer): Buffer => {
      const parts = new WireReader(signature);
      const [r, s] = [unsignedMagnitude(parts.bytes()), unsignedMagnitude(parts.bytes())];
      if (r.length > curve.size || s.length > curve.size) throw new Error('the ECDSA signature is malformed');
      const fixed = Buffer.alloc(2 * curve.size);
      r.copy(fixed, curve.size - r.length);
      s.copy(fixed, 2 * curve.size - s.length);
      return fixed;
    };
    return { key, dsaEncoding: 'ieee-p1363', algorithms: { [type]: { hash: curve.hash, decode } } };
  }
  if (type === 'ssh-rsa') {
    const e = unsignedMagnitude(reader.bytes());
    const n = unsignedMagnitude(reader.bytes());
    const key = createPublicKey({ key: { kty: 'RSA', n: base64url(n), e: base64url(e) }, format: 'jwk' });
    // ssh-rsa (SHA-1) signatures are refused, as OpenSSH 8.2+ refuses them by default.
    return { key, algorithms: { 'rsa-sha2-256': { hash: 'sha256', decode: (s) => s }, 'rsa-sha2-512': { hash: 'sha512', decode: (s) => s } } };
  }
  throw new Error(`the CA key type ${type.slice(0, 64)} is not one this console checks`);
}

/** Whether `caBlob` made `certificate`'s signature; throws an Error naming why it cannot tell. */
export function signatureIsValid(certificate: HostCertificate, caBlob: Buffer): boolean {
  const ca = caKeyOf(caBlob);
  const algorithm = ca.algorithms[certificate.signatureAlgorithm];
  if (!algorithm) throw new Error(`the certificate is signed with ${certificate.signatureAlgorithm.slice(0, 64)}, which OpenSSH does not accept from this CA key`);
  const signature = algorithm.decode(certificate.signature);
  const key = ca.dsaEncoding ? { key: ca.key, dsaEncoding: ca.dsaEncoding } : ca.key;
  return verify(algorithm.hash, certificate.signedData, key, signature);
}

/** OpenSSH's match_pattern (host certificates allow wildcard principals): * and ?, case as written. */
const principalMatches = (pattern: string, name: string): boolean => globToRegExp(pattern).test(name);

export interface CertificateCheck {
  /** The host name as the engineer gave it (lower-cased, as ssh does), matched against the principals. */
  name: string;
  /** The key the SSH handshake presented. */
  presentedKey: Buffer;
  now: Date;
}

/**
 * Why this certificate does not certify the presented key for `name` (in words), or null when it
 * does. The CA is checked separately (signatureIsValid) against each @cert-authority line.
 */
export function certificateProblem(certificate: HostCertificate, check: CertificateCheck): string | null {
  if (certificate.certType !== CERT_TYPE_HOST) return `it is a user certificate (type ${certificate.certType}), not a host certificate`;
  if (!certificate.certifiedKey.equals(check.presentedKey)) return 'it certifies another key than the one this connection was shown';
  const now = BigInt(Math.floor(check.now.getTime() / 1000));
  if (now < certificate.validAfter) return `it is not valid before ${whenOf(certificate.validAfter)}`;
  if (now >= certificate.validBefore) return `it expired on ${whenOf(certificate.validBefore)}`;
  if (certificate.principals.length === 0) return 'it lists no principals (OpenSSH refuses such a host certificate)';
  if (!certificate.principals.some((principal) => principalMatches(principal, check.name))) {
    return `its principals (${certificate.principals.slice(0, 8).join(', ')}) do not include ${check.name}`;
  }
  if (certificate.criticalOptions.length > 0) return 'it carries critical options, which OpenSSH refuses in a host certificate';
  return null;
}

const whenOf = (seconds: bigint): string => (seconds >= FOREVER ? 'forever' : new Date(Number(seconds) * 1000).toISOString());
