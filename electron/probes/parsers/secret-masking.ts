// Which configuration values are secrets, and how they are hidden. Masking happens while parsing:
// the clear value never enters the model, so it cannot reach the UI, a log, an export or a screen
// shared on a customer's projector.
//
// A key is secret when one of its words (split on "_", "-", ".") is a secret word — password,
// passwd, pass, secret, token, credential(s), passphrase, psk — or it names key material
// (private_key, api_key, auth_key, admin_key, fixed_key, secret_key, encryption_key, access_key,
// master_key, signing_key, shared_key, session_key, or a bare "key"). Matching whole words, not
// substrings, keeps "bypass_*" or "compass" out. Two kinds of key are NOT secret even with such a word:
// - its last word describes rather than holds the secret: rbd_secret_uuid (a libvirt secret's id),
//   application_credential_id, password_file, ssh_private_key_file, token_cache_time,
//   service_token_roles, service_token_roles_required…;
// - it is a switch: send_service_user_token, use_*, enable_*, require_*, verify_* (true/false).
// Independently of the key, any URL value with "user:password@" (transport_url, connection,
// sql_connection, qemu+ssh URIs…) keeps its user and hosts and loses the password, for every host of
// a multi-host rabbit:// URL; query parameters named like secrets (?password=…) are masked too.
// An empty value is not masked: "password = " tells the engineer the password is missing.

export const SECRET_MASK = '••••••';

const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'credential', 'credentials', 'passphrase', 'psk']);
const KEY_MATERIAL = new Set(['private', 'api', 'auth', 'admin', 'fixed', 'secret', 'encryption', 'access', 'master', 'signing', 'shared', 'session']);
const DESCRIPTIVE_LAST_WORDS = new Set([
  'uuid',
  'id',
  'file',
  'path',
  'dir',
  'directory',
  'name',
  'user',
  'username',
  'url',
  'uri',
  'time',
  'timeout',
  'ttl',
  'expiration',
  'lifetime',
  'length',
  'type',
  'types',
  'algorithm',
  'algorithms',
  'format',
  'driver',
  'provider',
  'backend',
  'strategy',
  'roles',
  'required',
  'enabled',
  'size',
  'count',
  'interval',
  'retries',
  'policy',
  'mode',
  'endpoint',
  'version',
  'header',
  'location',
]);
const SWITCH_FIRST_WORDS = new Set(['use', 'send', 'enable', 'enabled', 'require', 'requires', 'verify', 'allow', 'disable', 'check', 'validate']);

function words(key: string): string[] {
  return key
    .toLowerCase()
    .split(/[_.\-\s]+/)
    .filter(Boolean);
}

export function isSecretKey(key: string): boolean {
  const parts = words(key);
  if (parts.length === 0) return false;
  if (parts.length === 1 && parts[0] === 'key') return true;
  const last = parts[parts.length - 1]!;
  if (DESCRIPTIVE_LAST_WORDS.has(last) || SWITCH_FIRST_WORDS.has(parts[0]!)) return false;
  if (parts.some((part) => SECRET_WORDS.has(part))) return true;
  return parts.some((part, index) => part === 'key' && index > 0 && KEY_MATERIAL.has(parts[index - 1]!));
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
  let masked = false;
  const result = value.replace(/([a-zA-Z][\w+.-]*:\/\/)([^\s]*)/g, (_match, scheme: string, rest: string) => {
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
      if (carried.length > 0) out.push(...carried);
      authority = out.join(',');
    }
    tail = tail.replace(/([?&;])([^=&;#]+)=([^&;#]*)/g, (whole, separator: string, name: string, secret: string) => {
      if (!isSecretKey(name) || secret === '') return whole;
      masked = true;
      return `${separator}${name}=${SECRET_MASK}`;
    });
    return `${scheme}${authority}${tail}`;
  });
  return { value: result, masked };
}

/** The value as it may be shown: masked whole for a secret key, else with URL passwords masked. */
export function maskConfigValue(key: string, value: string): { value: string; masked: boolean } {
  if (value.trim() === '') return { value, masked: false };
  if (isSecretKey(key)) return { value: SECRET_MASK, masked: true };
  return maskUrlCredentials(value);
}
