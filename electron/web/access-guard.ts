// Who may talk to the browser host: only a page on this machine that holds the random token.
// The token arrives once in the URL (?token=…), becomes an HttpOnly cookie scoped to this port,
// and is then required on every HTTP request and on the WebSocket upgrade. Host and Origin are
// checked so that another site (or a DNS-rebound name) cannot ride on the cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes: not guessable from another local process or page. */
const TOKEN_BYTES = 32;

export const newAccessToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/**
 * How long a launch code (--open) may wait to be used: a browser starting cold on a busy laptop
 * takes seconds, not minutes. Used once, it is gone; unused, it expires.
 */
export const LAUNCH_CODE_MS = 120_000;

export class AccessGuard {
  /** One-time codes that open the console once (the --open page): code → when it expires. */
  private readonly launchCodes = new Map<string, number>();

  constructor(
    readonly token: string,
    private readonly port: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A code that lets one browser in once (it then holds the cookie), within LAUNCH_CODE_MS. */
  issueLaunchCode(): string {
    const code = randomBytes(TOKEN_BYTES).toString('base64url');
    this.launchCodes.set(code, this.now() + LAUNCH_CODE_MS);
    return code;
  }

  /** True once for a code issued and not yet used or expired; the code is spent either way. */
  takeLaunchCode(url: URL): boolean {
    const code = url.searchParams.get('launch');
    if (code === null) return false;
    for (const [issued, expires] of this.launchCodes) if (expires < this.now()) this.launchCodes.delete(issued);
    const expires = this.launchCodes.get(code);
    this.launchCodes.delete(code);
    return expires !== undefined;
  }

  /** Cookies are not isolated by port: the name carries the port so two hosts never clash. */
  get cookieName(): string {
    return `orangebox_token_${this.port}`;
  }

  get allowedHosts(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
  }

  get allowedOrigins(): string[] {
    return this.allowedHosts.map((host) => `http://${host}`);
  }

  /** The request's Host must name this server: refuses DNS-rebinding pages. */
  hostIsLocal(request: IncomingMessage): boolean {
    return this.allowedHosts.includes(request.headers.host ?? '');
  }

  /** No Origin (a non-browser client) is fine; a foreign one is not. */
  originIsAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return origin === undefined || this.allowedOrigins.includes(origin);
  }

  tokenInQuery(url: URL): boolean {
    return this.matches(url.searchParams.get('token'));
  }

  tokenInCookie(request: IncomingMessage): boolean {
    return this.matches(readCookie(request.headers.cookie, this.cookieName));
  }

  setCookieHeader(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private matches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
