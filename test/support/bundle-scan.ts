// What a support-bundle test looks through: every byte of the archive as written (compressed), and
// every entry inflated (read with yauzl itself, not with the console's reader, so an entry the
// console would leave unread is read all the same). Findings name the kind and the entry, never the
// secret itself.
import yauzl from 'yauzl';
import { ipv4ToNumber, isKeptIpv4 } from '../../electron/snapshots/support-bundle/ipv4-obfuscation';

export interface ArchiveText {
  /** "compressed archive" or the entry's name. */
  where: string;
  text: string;
}

/** The archive's own bytes (as latin1, so any byte sequence can be searched), then each entry inflated. */
export async function everyByteOf(bytes: Buffer): Promise<ArchiveText[]> {
  const texts: ArchiveText[] = [{ where: 'the compressed archive', text: bytes.toString('latin1') }];
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    const data = Buffer.concat(chunks);
    texts.push({ where: `entry ${entry.fileName} (inflated)`, text: data.toString('utf8') });
    // The name too: file names inside the archive are content.
    texts.push({ where: `the name of entry ${entry.fileName}`, text: entry.fileName });
  }
  return texts;
}

/** `label: where` for every text holding one of the values, as a whole token (not inside a longer one). */
export function findValues(texts: ArchiveText[], values: Iterable<{ label: string; value: string }>, options: { wholeToken: boolean }): string[] {
  const found: string[] = [];
  for (const { label, value } of values) {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = options.wholeToken ? new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z]|\\.\\d)`, 'i') : new RegExp(escaped, 'i');
    for (const { where, text } of texts) if (pattern.test(text)) found.push(`${label} in ${where}`);
  }
  return found;
}

/** Every IPv4 address in a text that obfuscation must replace (loopback and the like are kept). */
export function replaceableIpv4(text: string): Set<string> {
  const found = new Set<string>();
  for (const [address] of text.matchAll(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g)) {
    if (address.split('.').every((octet) => Number(octet) <= 255) && !isKeptIpv4(ipv4ToNumber(address))) found.add(address);
  }
  return found;
}

/** Every unicast MAC (colon form) in a text. */
export function unicastMacs(text: string): Set<string> {
  const found = new Set<string>();
  for (const [mac] of text.matchAll(/(?<![0-9A-Fa-f:])[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?![0-9A-Fa-f:])/g)) {
    const normal = mac.toLowerCase();
    if ((Number.parseInt(normal.slice(0, 2), 16) & 1) === 0 && normal !== '00:00:00:00:00:00') found.add(normal);
  }
  return found;
}
