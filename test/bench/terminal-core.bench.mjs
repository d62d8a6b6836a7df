// The core side of a terminal, measured against its floor in one run:
// - memory per open terminal holding 10,000 lines of 120 columns in its replay buffer, vs a bare
//   @xterm/headless Terminal holding the same (target ≤ 1.2× the floor);
// - throughput of output through a session (decode → replay buffer → page stream), vs writing
//   the same text into a bare headless Terminal.
// Memory needs `node --expose-gc` (npm run bench passes it).
import { performance } from 'node:perf_hooks';
import xtermHeadless from '@xterm/headless';
import { bundleHarness } from './bench-harness.mjs';

const { Terminal } = xtermHeadless;
const TERMINALS = 8;
const LINES = 10_000;
const COLS = 120;
const THROUGHPUT_BYTES = 16 * 1024 * 1024;
/** Each chunk as an SSH channel delivers it. */
const CHUNK_BYTES = 32 * 1024;

const line = (index) => `${String(index).padStart(6, '0')} ${'abcdefghij'.repeat(12)}`.slice(0, COLS - 1);
const screenful = () => Array.from({ length: LINES }, (_, index) => line(index)).join('\r\n');

/** A pty that only produces what it is told to: the session under test sees a real channel shape. */
function fakePty() {
  const dataListeners = [];
  return {
    channel: { write() {}, resize() {}, pause() {}, resume() {}, close() {}, onData: (listener) => dataListeners.push(listener), onExit() {} },
    emit: (chunk) => dataListeners.forEach((listener) => listener(chunk)),
  };
}

const settle = (terminal) => new Promise((resolve) => terminal.write('', resolve));

async function heapWith(make) {
  global.gc();
  const before = process.memoryUsage();
  const held = await make();
  global.gc();
  const after = process.memoryUsage();
  const bytes = after.heapUsed + after.external + after.arrayBuffers - (before.heapUsed + before.external + before.arrayBuffers);
  return { bytes, held };
}

export async function run() {
  const h = await bundleHarness('terminal-core', [`export { TerminalSession } from 'electron/terminals/terminal-session';`]);
  const text = screenful();
  if (typeof global.gc !== 'function') {
    console.log('memory not measured: run with node --expose-gc (npm run bench does)');
  } else {
    const floor = await heapWith(async () => {
      const terminals = [];
      for (let index = 0; index < TERMINALS; index += 1) {
        const terminal = new Terminal({ cols: COLS, rows: 40, scrollback: LINES, allowProposedApi: true });
        terminal.write(text);
        await settle(terminal);
        terminals.push(terminal);
      }
      return terminals;
    });
    const sessions = await heapWith(async () => {
      const held = [];
      for (let index = 0; index < TERMINALS; index += 1) {
        const pty = fakePty();
        const session = new h.TerminalSession(`term-${String(index).padStart(12, '0')}`, { kind: 'local' }, 'bench', async () => pty.channel, { data() {}, info() {} }, { size: { cols: COLS, rows: 40 }, scrollback: LINES });
        await session.start();
        pty.emit(Buffer.from(text));
        await session.whenWritten();
        held.push({ session, pty });
      }
      return held;
    });
    const perFloor = floor.bytes / TERMINALS / 1048576;
    const perSession = sessions.bytes / TERMINALS / 1048576;
    console.log(`memory per terminal, ${LINES} lines × ${COLS} columns of scrollback (${TERMINALS} terminals, heap + external)`);
    console.log(`bare @xterm/headless (floor)   ${perFloor.toFixed(2)} MB`);
    console.log(`console TerminalSession        ${perSession.toFixed(2)} MB → ${(perSession / perFloor).toFixed(2)}× the floor (target ≤ 1.2×)`);
    floor.held.length = 0;
    sessions.held.length = 0;
  }

  const payload = Buffer.from(Array.from({ length: THROUGHPUT_BYTES / 100 }, (_, index) => `${line(index).slice(0, 98)}\r\n`).join(''));
  const chunks = [];
  for (let offset = 0; offset < payload.length; offset += CHUNK_BYTES) chunks.push(payload.subarray(offset, offset + CHUNK_BYTES));

  const bare = new Terminal({ cols: COLS, rows: 40, scrollback: LINES, allowProposedApi: true });
  let started = performance.now();
  for (const chunk of chunks) bare.write(chunk.toString());
  await settle(bare);
  const bareMs = performance.now() - started;

  const pty = fakePty();
  let streamed = 0;
  const session = new h.TerminalSession('term-000000bench0', { kind: 'local' }, 'bench', async () => pty.channel, { data: (_id, data) => (streamed += data.length), info() {} }, { size: { cols: COLS, rows: 40 }, scrollback: LINES });
  await session.start();
  started = performance.now();
  for (const chunk of chunks) pty.emit(chunk);
  await session.whenWritten();
  const sessionMs = performance.now() - started;
  const mb = payload.length / 1048576;
  console.log(`\noutput throughput (${mb.toFixed(0)} MB in ${CHUNK_BYTES / 1024} KiB chunks)`);
  console.log(`bare headless write            ${(mb / (bareMs / 1000)).toFixed(1)} MB/s`);
  console.log(`through a TerminalSession      ${(mb / (sessionMs / 1000)).toFixed(1)} MB/s → ${(bareMs / sessionMs).toFixed(2)}× bare (streamed ${(streamed / 1048576).toFixed(0)} MB to a page that never acknowledged; the replay buffer parsed only what did not scroll out)`);
}
