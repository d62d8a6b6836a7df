// The browser host: the console core served to a browser on 127.0.0.1, for machines where
// Electron cannot run and for end-to-end tests in a real browser. Loopback only, token required
// on every request, foreign origins refused.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ConsoleCore } from '../core/console-core';
import { contentSecurityPolicy } from '../core/content-security-policy';
import { MAX_CLIENT_FRAME_BYTES, WEBSOCKET_PATH } from '../contract/wire-protocol';
import { AccessGuard, newAccessToken } from './access-guard';
import { readStaticFile } from './static-files';
import { carryContractOver } from './websocket-carrier';

/** Never anything but loopback: the console drives customer labs. */
export const WEB_HOST_ADDRESS = '127.0.0.1';

export interface WebHostOptions {
  core: ConsoleCore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 = a free port chosen by the OS. */
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  /** The URL to open: carries the token once; the server then keeps it in a cookie. */
  urlWithToken: string;
  /** A URL that opens the console once, within a couple of minutes (for --open: no token on a command line). */
  launchUrl(): string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newAccessToken();
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  let guard: AccessGuard | null = null;

  server.on('request', (request, response) => {
    if (!guard) return refuse(response, 503, 'The console is still starting.');
    // No request may end the host (its terminals would end with it): a failure is a 500.
    handleHttp(request, response, guard, options.rendererDir).catch((error: unknown) => {
      if (!response.headersSent) refuse(response, 500, `The console could not answer that request: ${error instanceof Error ? error.message : String(error)}`);
      else response.destroy();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(request);
    const denial = !guard
      ? '503 Service Unavailable'
      : !url
        ? '400 Bad Request'
        : url.pathname !== WEBSOCKET_PATH
        ? '404 Not Found'
        : !guard.hostIsLocal(request) || !guard.originIsAllowed(request)
          ? '403 Forbidden'
          : !(guard.tokenInCookie(request) || guard.tokenInQuery(url))
            ? '401 Unauthorized'
            : null;
    if (denial) {
      socket.end(`HTTP/1.1 ${denial}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => carryContractOver(webSocket, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, WEB_HOST_ADDRESS, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const accessGuard = new AccessGuard(token, port);
  guard = accessGuard;
  const url = `http://${WEB_HOST_ADDRESS}:${port}/`;

  return {
    url,
    urlWithToken: `${url}?token=${token}`,
    launchUrl: () => `${url}?launch=${accessGuard.issueLaunchCode()}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleHttp(request: IncomingMessage, response: ServerResponse, guard: AccessGuard, rendererDir: string): Promise<void> {
  if (!guard.hostIsLocal(request)) {
    return refuse(response, 403, 'This console answers only on 127.0.0.1 and localhost.');
  }
  if (!guard.originIsAllowed(request)) {
    return refuse(response, 403, 'Requests from other sites are refused.');
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return refuse(response, 405, 'The console serves pages only; everything else goes over its WebSocket.');
  }
  const url = requestUrl(request);
  if (!url) return refuse(response, 400, 'That address is not one the console serves.');

  if (guard.tokenInQuery(url) || guard.takeLaunchCode(url)) {
    // Move the token (or a launch code's right) from the address bar into a cookie, then show the page without it (one
    // leading slash: "//host/…" as a Location would send the browser to another host).
    url.searchParams.delete('token');
    url.searchParams.delete('launch');
    response.writeHead(303, { 'Set-Cookie': guard.setCookieHeader(), Location: `/${url.pathname.replace(/^\/+/, '')}${url.search}`, 'Cache-Control': 'no-store' });
    response.end();
    return;
  }
  if (!guard.tokenInCookie(request)) {
    return refuse(response, 401, 'This console needs its access token: open the full URL that `npm run web` printed (it ends in ?token=…).');
  }

  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) {
    return refuse(response, 404, `Nothing at ${url.pathname}. If the console page itself is missing, run \`npm run build\`.`);
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    'Content-Security-Policy': contentSecurityPolicy(guard.allowedOrigins.map((origin) => origin.replace('http:', 'ws:'))),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

/**
 * The request's path and query, or null when it is not a path. The target is put after a fixed
 * origin rather than resolved against one: "//" or "//host/x" would otherwise read as another host
 * (or throw), and a request from any local process must never do that.
 */
function requestUrl(request: IncomingMessage): URL | null {
  const target = request.url ?? '/';
  if (!target.startsWith('/')) return null;
  try {
    return new URL(`http://console.invalid${target}`);
  } catch {
    return null;
  }
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${message}\n`);
}
