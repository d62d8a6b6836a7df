// Chromium driven over the DevTools protocol directly (a pipe, no port), using only the Target,
// Page, Runtime, Emulation and Input domains.
//
// Why not Playwright here: Playwright enables the Network domain on every page, and with it
// Chromium copies every WebSocket frame, payload included, to the driver. Measured here, that
// cost the console a quarter of its terminal throughput (and a bare WebSocket floor as much),
// a cost the console never pays outside a test. The throughput benchmark runs in this browser.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How long a protocol call may take before the benchmark gives up on it. */
const CALL_TIMEOUT_MS = 300_000;

export async function launchRawChromium({ executablePath, args }) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'obx-bench-chromium-'));
  const child = spawn(executablePath, [...args, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3];
  const fromBrowser = child.stdio[4];
  const waiting = new Map();
  const listeners = new Set();
  let nextId = 1;
  let pending = Buffer.alloc(0);
  fromBrowser.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (let end = pending.indexOf(0); end !== -1; end = pending.indexOf(0)) {
      const message = JSON.parse(pending.subarray(0, end).toString('utf8'));
      pending = pending.subarray(end + 1);
      const call = waiting.get(message.id);
      if (call) {
        waiting.delete(message.id);
        clearTimeout(call.timer);
        if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
        else call.resolve(message.result);
      } else for (const listener of listeners) listener(message);
    }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${method}: no answer from Chromium in ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      waiting.set(id, { resolve, reject, timer, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  await send('Browser.getVersion');

  return {
    async newPage({ width, height }) {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const call = (method, params) => send(method, params, sessionId);
      await call('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
      await call('Page.enable');
      const page = {
        async goto(url) {
          const loaded = new Promise((resolve) => {
            const listener = (message) => {
              if (message.sessionId === sessionId && message.method === 'Page.loadEventFired') {
                listeners.delete(listener);
                resolve();
              }
            };
            listeners.add(listener);
          });
          await call('Page.navigate', { url });
          await loaded;
        },
        /** Runs `fn(arg)` in the page and returns its (awaited) result, as Playwright's evaluate. */
        async evaluate(fn, arg) {
          const result = await call('Runtime.evaluate', { expression: `(${fn.toString()})(${JSON.stringify(arg ?? null)})`, awaitPromise: true, returnByValue: true });
          if (result.exceptionDetails) throw new Error(`in the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
          return result.result.value;
        },
        /** Resolves once `fn(arg)` is truthy in the page (checked every 100 ms). */
        async waitFor(fn, arg, timeoutMs = 30_000) {
          const started = Date.now();
          for (;;) {
            if (await page.evaluate(fn, arg).catch(() => false)) return;
            if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs / 1000} s in the page for: ${fn.toString().slice(0, 200)}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        },
        /** Runs `source` in every document this page loads, before the page's own scripts. */
        addInitScript: (source) => call('Page.addScriptToEvaluateOnNewDocument', { source }),
        insertText: (text) => call('Input.insertText', { text }),
        async press(key, { code = key, keyCode, modifiers = 0, text } = {}) {
          await call('Input.dispatchKeyEvent', { type: 'keyDown', key, code, modifiers, windowsVirtualKeyCode: keyCode, ...(text ? { text } : {}) });
          await call('Input.dispatchKeyEvent', { type: 'keyUp', key, code, modifiers, windowsVirtualKeyCode: keyCode });
        },
        close: () => send('Target.closeTarget', { targetId }),
      };
      return page;
    },
    async close() {
      await send('Browser.close').catch(() => {});
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill();
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}
