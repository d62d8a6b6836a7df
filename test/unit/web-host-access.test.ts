// Who the browser host lets in: a real server on 127.0.0.1, real HTTP and WebSocket requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../electron/web/web-host';
import { AccessGuard, LAUNCH_CODE_MS } from '../../electron/web/access-guard';
import { openInBrowser } from '../../electron/web/browser-launch';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';

/** A refusal is immediate; a request left unanswered means the host is stuck (or gone). */
const RAW_REQUEST_MS = 5_000;

let fixture: CoreFixture;
let host: WebHost;
let rendererDir: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', () => {});
  });
}

const cookie = () => `orangebox_token_${host.port}=${host.token}`;
const origin = () => `http://127.0.0.1:${host.port}`;

beforeAll(async () => {
  fixture = await makeCoreFixture();
  rendererDir = await mkdtemp(join(tmpdir(), 'obx-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(fixture.dir, 'secret.txt'), 'outside the renderer');
  host = await startWebHost({ core: fixture.core, rendererDir });
});

afterAll(async () => {
  await host.close();
  await fixture.dispose();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('the browser host', () => {
  it('listens on loopback only and prints a URL that carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.urlWithToken).toBe(`${host.url}?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a request without the token, saying how to get in', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('npm run web');
  });

  it('refuses a wrong token', async () => {
    expect((await get('/?token=not-the-token')).status).toBe(401);
    expect((await get('/', { Cookie: `orangebox_token_${host.port}=${'x'.repeat(host.token.length)}` })).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly, SameSite cookie and drops it from the address', async () => {
    const reply = await get(`/?token=${host.token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(cookie());
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the page with the token cookie, under a strict Content-Security-Policy', async () => {
    const reply = await get('/', { Cookie: cookie() });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>console</title>');
    const policy = String(reply.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/'unsafe-eval'/); // WebAssembly only ('wasm-unsafe-eval'), never JS eval
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect((await get('/assets/app.js', { Cookie: cookie() })).headers['content-type']).toContain('text/javascript');
  });

  it('refuses a foreign Origin even with the token', async () => {
    const reply = await get('/', { Cookie: cookie(), Origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const reply = await get('/', { Cookie: cookie(), Host: `rebind.example:${host.port}` });
    expect(reply.status).toBe(403);
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%00']) {
      const reply = await get(path, { Cookie: cookie() });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    }
  });

  it('opens the WebSocket only with the token, the console’s own Origin and its own Host', async () => {
    expect(await upgradeStatus('/api', { Origin: origin() })).toBe(401);
    expect(await upgradeStatus('/api', { Origin: 'https://evil.example', Cookie: cookie() })).toBe(403);
    expect(await upgradeStatus('/api', { Origin: 'http://localhost:1', Cookie: cookie() })).toBe(403);
    // DNS rebinding: a page of another name resolved to 127.0.0.1 sends that name as Host.
    expect(await upgradeStatus('/api', { Origin: origin(), Cookie: cookie(), Host: `rebind.example:${host.port}` })).toBe(403);
    expect(await upgradeStatus('/api', { Origin: origin(), Cookie: cookie(), Host: `127.0.0.1:${host.port + 1}` })).toBe(403);
    expect(await upgradeStatus('/elsewhere', { Origin: origin(), Cookie: cookie() })).toBe(404);
    expect(await upgradeStatus('/api', { Origin: origin(), Cookie: cookie() })).toBe(101);
    expect(await upgradeStatus(`/api?token=${host.token}`, { Origin: origin() })).toBe(101);
  });

  it('answers any request target without ending: "//", "//host/x", "*" and a bare word, over HTTP and as a WebSocket upgrade', async () => {
    for (const target of ['//', '//evil.example/x', '///', '*', 'index.html', '/%']) {
      const plain = await rawRequest(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie()}\r\nConnection: close\r\n\r\n`);
      expect(plain, `GET ${target}`).toMatch(/^HTTP\/1\.1 (400|404) /);
      const upgrade = await rawRequest(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: ${origin()}\r\nCookie: ${cookie()}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      expect(upgrade, `upgrade ${target}`).toMatch(/^HTTP\/1\.1 (400|404) /);
    }
    // Still serving, and the WebSocket still opens.
    expect((await get('/', { Cookie: cookie() })).status).toBe(200);
    expect(await upgradeStatus('/api', { Origin: origin(), Cookie: cookie() })).toBe(101);
  });

  it('moves the token to the cookie without sending the browser to another host', async () => {
    const reply = await get(`//evil.example/x?token=${host.token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/evil.example/x');
  });
});


describe('a one-time launch link (web --open)', () => {
  it('lets one browser in once, as the token does, and is spent after', async () => {
    const link = new URL(host.launchUrl());
    expect(link.search).not.toContain(host.token);
    const first = await get(`${link.pathname}${link.search}`);
    expect(first.status).toBe(303);
    expect(String(first.headers['set-cookie'])).toContain(`orangebox_token_${host.port}=${host.token}`);
    expect(first.headers.location).toBe('/');
    const again = await get(`${link.pathname}${link.search}`);
    expect(again.status).toBe(401);
    expect((await get('/?launch=not-a-code')).status).toBe(401);
  });

  it('expires unused', () => {
    let now = 1_000_000;
    const guard = new AccessGuard('t'.repeat(43), 1234, () => now);
    const code = guard.issueLaunchCode();
    now += LAUNCH_CODE_MS + 1;
    expect(guard.takeLaunchCode(new URL(`http://127.0.0.1:1234/?launch=${code}`))).toBe(false);
    const fresh = guard.issueLaunchCode();
    expect(guard.takeLaunchCode(new URL(`http://127.0.0.1:1234/?launch=${fresh}`))).toBe(true);
  });

  it('reaches the browser through an owner-only page: the opener is given a file path, never the token or the code', async () => {
    const started: { command: string; args: string[] }[] = [];
    const launchUrl = host.launchUrl();
    const page = await openInBrowser(launchUrl, {
      platform: 'linux',
      folder: rendererDir,
      spawner: (command, args) => {
        started.push({ command, args });
        return { on: () => undefined, unref: () => undefined };
      },
    });
    try {
      expect(started).toEqual([{ command: 'xdg-open', args: [page.file] }]);
      const code = new URL(launchUrl).searchParams.get('launch')!;
      expect(started[0]!.args.join(' ')).not.toContain(code);
      expect(started[0]!.args.join(' ')).not.toContain(host.token);
      expect((await stat(page.file)).mode & 0o777).toBe(0o600);
      expect((await stat(dirname(page.file))).mode & 0o777).toBe(0o700);
      const html = await readFile(page.file, 'utf8');
      expect(html).toContain(`url=${launchUrl.replaceAll('&', '&#38;')}`);
      expect(html).not.toContain(host.token);
    } finally {
      await page.remove();
    }
    expect(existsSync(page.file)).toBe(false);
  });
});

/** Sends bytes as any local process could, and resolves with what came back before the server closed. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setTimeout(RAW_REQUEST_MS, () => socket.destroy(new Error(`no answer within ${RAW_REQUEST_MS} ms to ${JSON.stringify(text.split('\r\n')[0])}`)));
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}
