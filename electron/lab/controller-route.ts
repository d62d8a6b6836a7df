// How to reach a lab's controller: the saved endpoint, completed by ~/.ssh/config (keys,
// ProxyJump), as a chain of hops — jump hosts first, the controller last.
import type { SavedLab } from '../contract/payloads';
import type { SshConfigHost } from '../contract/payloads';
import type { SshTarget } from '../ssh/ssh-connection';
import { ConsoleError } from '../contract/console-errors';

/** OpenSSH refuses longer ProxyJump chains than this too (it detects loops by depth). */
const MAX_JUMP_HOPS = 8;

export interface RouteHop {
  target: SshTarget;
  identityFiles: string[];
  identitiesOnly: boolean;
}

export type HostResolver = (name: string) => Promise<SshConfigHost>;

export async function routeToController(lab: SavedLab, resolve: HostResolver): Promise<RouteHop[]> {
  const { controller } = lab;
  const configured = controller.sshConfigHost ? await resolve(controller.sshConfigHost) : null;
  const last: RouteHop = {
    target: { host: controller.host, port: controller.port, user: controller.user },
    identityFiles: controller.identityFile ? [controller.identityFile] : (configured?.identityFiles ?? []),
    identitiesOnly: configured?.identitiesOnly ?? false,
  };
  const jumps = configured?.proxyJump ? await resolveJumpChain(configured.proxyJump, resolve, 0) : [];
  return [...jumps, last];
}

/** "a,b" = through a, then b; each hop may itself be a ~/.ssh/config alias with its own ProxyJump. */
async function resolveJumpChain(spec: string, resolve: HostResolver, depth: number): Promise<RouteHop[]> {
  if (depth > MAX_JUMP_HOPS) throw new ConsoleError('invalid-payload', `ProxyJump nests deeper than ${MAX_JUMP_HOPS} hops (a loop in ~/.ssh/config?)`);
  const hops: RouteHop[] = [];
  for (const hopSpec of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    const parsed = parseJumpSpec(hopSpec);
    const resolved = await resolve(parsed.host);
    if (resolved.proxyJump) hops.push(...(await resolveJumpChain(resolved.proxyJump, resolve, depth + 1)));
    hops.push({
      target: { host: resolved.hostName, port: parsed.port ?? resolved.port, user: parsed.user ?? resolved.user ?? defaultUser() },
      identityFiles: resolved.identityFiles,
      identitiesOnly: resolved.identitiesOnly,
    });
  }
  return hops;
}

/** [user@]host[:port], with [v6]:port. */
export function parseJumpSpec(spec: string): { user: string | null; host: string; port: number | null } {
  const at = spec.lastIndexOf('@');
  const user = at >= 0 ? spec.slice(0, at) : null;
  const rest = at >= 0 ? spec.slice(at + 1) : spec;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) return { user, host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : null };
  const colon = rest.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(rest.slice(colon + 1))) return { user, host: rest.slice(0, colon), port: Number(rest.slice(colon + 1)) };
  return { user, host: rest, port: null };
}

const defaultUser = () => process.env.USER || process.env.LOGNAME || 'root';
