// The contract over its real WebSocket carrier: a real browser host, a real core, the renderer's
// own WebSocket bridge and typed API (with the `ws` client standing in for the browser's socket).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../electron/web/web-host';
import { MAX_CLIENT_FRAME_BYTES } from '../../electron/contract/wire-protocol';
import { createWebSocketBridge, type ClosableBridge, type SocketLike } from '../../renderer/api/websocket-bridge';
import { createConsoleApi } from '../../renderer/api/console-api';
import { ConsoleRequestError } from '../../electron/contract/console-errors';
import type { ConsoleApi } from '../../electron/contract/console-contract';
import { makeCoreFixture, sampleLabDraft, type CoreFixture } from '../support/core-fixture';

let fixture: CoreFixture;
let host: WebHost;
let rendererDir: string;
let bridge: ClosableBridge;
let api: ConsoleApi;

const openSocket = (url: string, headers: Record<string, string> = {}) =>
  new WebSocket(url, { headers: { Origin: `http://127.0.0.1:${host.port}`, ...headers } });

beforeEach(async () => {
  fixture = await makeCoreFixture();
  rendererDir = await mkdtemp(join(tmpdir(), 'obx-renderer-'));
  host = await startWebHost({ core: fixture.core, rendererDir });
  bridge = createWebSocketBridge({
    url: `ws://127.0.0.1:${host.port}/api?token=${host.token}`,
    createSocket: (url) => openSocket(url) as unknown as SocketLike,
  });
  api = createConsoleApi(bridge);
});

afterEach(async () => {
  bridge.close();
  await host.close();
  await fixture.dispose();
  await rm(rendererDir, { recursive: true, force: true });
});

describe('the contract over the WebSocket carrier', () => {
  it('answers a request with the core’s result', async () => {
    const about = await api.request('app.about', null);
    expect(about.name).toBe('OrangeBox Console');
    expect(about.host).toBe('browser');
    expect(about.storeLocation).toBe(fixture.stateFile);
  });

  it('round-trips a saved lab and pushes labs.changed to listeners', async () => {
    const pushed: unknown[] = [];
    api.listen('labs.changed', (labs) => pushed.push(labs));
    const saved = await api.request('labs.save', sampleLabDraft('Tokyo demo'));
    expect(saved.id).toMatch(/^lab-/);
    expect(await api.request('labs.list', null)).toEqual([saved]);
    expect(pushed).toEqual([[saved]]);
  });

  it('rejects a bad payload with invalid-payload and a message naming the field', async () => {
    const bad = { ...sampleLabDraft(), controller: { ...sampleLabDraft().controller, port: 70000 } };
    const failure = await api.request('labs.save', bad).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConsoleRequestError);
    expect((failure as ConsoleRequestError).code).toBe('invalid-payload');
    expect((failure as ConsoleRequestError).message).toContain('controller.port');
    expect((failure as ConsoleRequestError).message).toContain('between 1 and 65535');
    expect(await api.request('labs.list', null)).toEqual([]);
  });

  it('rejects a shell-hostile controller address before it is stored', async () => {
    const hostile = { ...sampleLabDraft(), controller: { ...sampleLabDraft().controller, host: 'lab; rm -rf ~' } };
    const failure = (await api.request('labs.save', hostile).catch((error: unknown) => error)) as ConsoleRequestError;
    expect(failure.code).toBe('invalid-payload');
    expect(failure.message).toMatch(/shell characters/);
  });

  it('answers an unknown request name with unknown-request', async () => {
    const outcome = await bridge.request('labs.explode', null);
    expect(outcome).toEqual({ ok: false, error: { code: 'unknown-request', message: expect.stringContaining('"labs.explode"') } });
  });

  it('carries terminal output as binary frames: the bytes of the text, its id and its length for flow control', async () => {
    const received: Array<{ id: string; data: string | Uint8Array; chars: number }> = [];
    api.listen('terminal.data', (payload) => received.push(payload));
    await api.request('app.about', null); // the socket is open
    const text = 'naïve ключ 界 😀\r\n\x1b[31mred\x1b[0m';
    fixture.core.streams.push('terminal.data', { id: 'term-0123456789ab', data: text, chars: text.length });
    fixture.core.streams.push('terminal.data', { id: 'term-ba9876543210', data: '', chars: 0 });
    await expect.poll(() => received.length).toBe(2);
    const [first, empty] = received;
    expect(first!.id).toBe('term-0123456789ab');
    expect(first!.chars).toBe(text.length);
    expect(first!.data).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(first!.data as Uint8Array)).toBe(text);
    expect(empty).toMatchObject({ id: 'term-ba9876543210', chars: 0 });
    expect((empty!.data as Uint8Array).byteLength).toBe(0);
  });

  it('answers frames it cannot read without dropping the connection', async () => {
    const socket = openSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    const frames: unknown[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('{not json');
    socket.send(JSON.stringify({ type: 'request', id: 7, name: 42 }));
    socket.send(JSON.stringify({ type: 'request', id: 8, name: 'labs.list', params: null }));
    await expect.poll(() => frames.length).toBe(3);
    expect(frames[0]).toMatchObject({ type: 'protocol-error', message: expect.stringContaining('not valid JSON') });
    expect(frames[1]).toMatchObject({ type: 'outcome', id: 7, outcome: { ok: false, error: { code: 'invalid-payload' } } });
    expect(frames[2]).toEqual({ type: 'outcome', id: 8, outcome: { ok: true, result: [] } });
    socket.close();
  });

  it('closes a socket that sends a frame over 1 MiB (message too big), and goes on serving the others', async () => {
    const socket = openSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    socket.send(JSON.stringify({ type: 'request', id: 9, name: 'labs.list', params: { padding: 'x'.repeat(MAX_CLIENT_FRAME_BYTES) } }));
    expect(await closed).toBe(1009);
    expect(await api.request('labs.list', null)).toEqual([]);
  });

  it('fails requests in flight with transport-closed when the host goes away', async () => {
    await api.request('labs.list', null);
    const closing = host.close();
    const failure = (await api.request('labs.list', null).catch((error: unknown) => error)) as ConsoleRequestError;
    await closing;
    expect(failure.code).toBe('transport-closed');
  });
});
