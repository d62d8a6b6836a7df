// Which configuration values are secrets, and how they are hidden. Masking happens while parsing:
// the clear value never enters the model, so it cannot reach the UI, a log, an export or a screen
// shared on a customer's projector.
//
// A key is secret when one of its words (split on "_", "-", ".") suggests a secret, a token, key
// material or a credential — password, passwd, pass, pwd, secret(s), token(s), authtoken,
// credential(s), passphrase, psk, hmac, key(s) — whatever the words around it. The masker errs on
// the side of masking: rbd_secret_uuid, password_file, token_cache_time or [vault] root_token_id
// are masked too (a "token id" is often the token itself, a "key file" may be pasted key material).
// Matching whole words, not substrings, keeps "bypass_*", "compass" or "monkey" out.
// A value that is a plain switch (true, false, yes, no, on, off) is never a secret and stays, so
// send_service_user_token = true still reads as it is.
// Independently of the key, any URL value with "user:password@" (transport_url, connection,
// sql_connection, qemu+ssh URIs…) keeps its user and hosts and loses the password, for every host of
// a multi-host rabbit:// URL; query parameters named like secrets (?password=…) are masked too.
// An empty value is not masked: "password = " tells the engineer the password is missing.

export const SECRET_MASK = '••••••';

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'secrets',
  'token',
  'tokens',
  'authtoken',
  'credential',
  'credentials',
  'passphrase',
  'psk',
  'hmac',
  'key',
  'keys',
]);
/** Values that only switch something on or off: they hold no secret whatever the key is called. */
const SWITCH_VALUES = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

function words(key: string): string[] {
  return key
    .toLowerCase()
    .split(/[_.\-\s]+/)
    .filter(Boolean);
}

/**
 * Keys repeat: a 5,000-container inventory or a `juju status` JSON spells the same few hundred keys
 * a million times. Each key's answer is remembered; past this many distinct keys (an output keyed by
 * UUIDs) the memory starts again, so it stays small whatever a lab prints.
 */
const SECRET_KEY_MEMO_LIMIT = 10_000;
const secretKeyMemo = new Map<string, boolean>();

export function isSecretKey(key: string): boolean {
  const known = secretKeyMemo.get(key);
  if (known !== undefined) return known;
  const secret = words(key).some((part) => SECRET_WORDS.has(part));
  if (secretKeyMemo.size >= SECRET_KEY_MEMO_LIMIT) secretKeyMemo.clear();
  secretKeyMemo.set(key, secret);
  return secret;
}

/** true/false and the like: a switch, never a secret. */
export function isSwitchValue(value: string): boolean {
  return SWITCH_VALUES.has(value.trim().replace(/^["']|["']$/g, '').toLowerCase());
}

/** A host entry of a URL's authority: "host", "host:5672", "[fd00::1]:5672". */
const BARE_HOST = /^(?:[\w.-]+|\[[0-9a-fA-F:.%\w]+\])(?::\d+)?$/;

/**
 * Masks the password of every "user:password@host" in a URL value. The authority ends at the first
 * "/", "?" or "#" after the last "@" (a password may contain "/"); hosts are separated by ","
 * (oslo.messaging's multi-host transport_url). A segment that is neither "user:pass@host" nor a bare
 * host belongs to the password of the next one (a password holding ",").
 */
export function maskUrlCredentials(value: string): { value: string; masked: boolean } {
  // Found by their "://", each scheme read backwards from it: a regex that tries every position as
  // a scheme's start is quadratic on a long word (a 1 MB value took minutes).
  let masked = false;
  let result = '';
  let copied = 0;
  let from = 0;
  for (let separator = value.indexOf('://', from); separator !== -1; separator = value.indexOf('://', from)) {
    let start = separator;
    while (start > copied && SCHEME_CHAR.test(value[start - 1]!)) start -= 1;
    while (start < separator && !SCHEME_START.test(value[start]!)) start += 1;
    if (start === separator) {
      from = separator + 3;
      continue;
    }
    let end = separator + 3;
    while (end < value.length && !/\s/.test(value[end]!)) end += 1;
    const url = maskOneUrl(value.slice(start, separator + 3), value.slice(separator + 3, end));
    masked ||= url.masked;
    result += value.slice(copied, start) + url.text;
    copied = end;
    from = end;
  }
  return { value: copied === 0 ? value : result + value.slice(copied), masked };
}

const SCHEME_START = /[a-zA-Z]/;
const SCHEME_CHAR = /[\w+.-]/;

/** One URL: the password of every "user:password@host" of its authority, and secret query parameters. */
function maskOneUrl(scheme: string, rest: string): { text: string; masked: boolean } {
  let masked = false;
  const lastAt = rest.lastIndexOf('@');
  let authorityEnd = rest.length;
  const endMatch = /[/?#]/.exec(rest.slice(lastAt + 1));
  if (endMatch) authorityEnd = lastAt + 1 + endMatch.index;
  let authority = rest.slice(0, authorityEnd);
  let tail = rest.slice(authorityEnd);
  if (lastAt >= 0) {
    const segments = authority.split(',');
    const out: string[] = [];
    let carried: string[] = [];
    for (const segment of segments) {
      if (!segment.includes('@') && BARE_HOST.test(segment) && carried.length === 0) {
        out.push(segment);
        continue;
      }
      if (!segment.includes('@')) {
        carried.push(segment);
        continue;
      }
      const joined = [...carried, segment].join(',');
      carried = [];
      const at = joined.lastIndexOf('@');
      const userinfo = joined.slice(0, at);
      const colon = userinfo.indexOf(':');
      if (colon >= 0 && colon < userinfo.length - 1) {
        out.push(`${userinfo.slice(0, colon)}:${SECRET_MASK}${joined.slice(at)}`);
        masked = true;
      } else out.push(joined);
    }
    for (const segment of carried) out.push(segment);
    authority = out.join(',');
  }
  tail = tail.replace(/([?&;])([^=&;#]+)=([^&;#]*)/g, (whole, separator: string, name: string, secret: string) => {
    if (!isSecretKey(name) || secret === '') return whole;
    masked = true;
    return `${separator}${name}=${SECRET_MASK}`;
  });
  return { text: `${scheme}${authority}${tail}`, masked };
}

/** The value as it may be shown: masked whole for a secret key, else with URL passwords masked. */
export function maskConfigValue(key: string, value: string): { value: string; masked: boolean } {
  if (value.trim() === '' || isSwitchValue(value)) return { value, masked: false };
  if (isSecretKey(key)) return { value: SECRET_MASK, masked: true };
  return maskUrlCredentials(value);
}
