// The floor of any byte stream into the page over a WebSocket, with no console code at all: a
// loopback server sends the flood as binary frames of UTF-8 bytes (as the core's carrier does),
// flow-controlled the same way (the page acknowledges what xterm wrote), and a bare xterm.js
// writes them. Shown beside the direct write and the console, it says how much of the gap is the
// carrier itself.
import { WebSocketServer } from 'ws';

/** As electron/terminals/flow-control.ts: unacknowledged characters in flight, acknowledgement step. */
const HIGH_WATERMARK_CHARS = 1_000_000;
const ACK_STEP_CHARS = 100_000;
const FRAME_CHARS = 64 * 1024;

/** Resolves with the milliseconds a bare xterm in `page` took to write `chars` streamed over a WebSocket. */
export async function webSocketFloorMs(page, { chars, line }) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => {
    const row = `${'A'.repeat(line)}\r\n`;
    const data = row.repeat(Math.floor(FRAME_CHARS / row.length));
    const frame = Buffer.from(data);
    let sent = 0;
    let acknowledged = 0;
    const pump = () => {
      while (sent - acknowledged < HIGH_WATERMARK_CHARS && sent < chars) {
        socket.send(frame, { binary: true });
        sent += data.length;
      }
    };
    socket.on('message', (message) => {
      acknowledged += Number(JSON.parse(String(message)).chars ?? 0);
      pump();
    });
  });
  try {
    return await page.evaluate(
      async ({ port, chars, step }) => {
        const element = document.createElement('div');
        element.style.cssText = 'width:1200px;height:700px';
        document.body.appendChild(element);
        const term = new window.Terminal({ cols: 120, rows: 40, scrollback: 10000 });
        term.open(element);
        const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
        socket.binaryType = 'arraybuffer';
        await new Promise((resolve) => (socket.onopen = resolve));
        const started = performance.now();
        await new Promise((resolve) => {
          let written = 0;
          let unreported = 0;
          socket.onmessage = (event) => {
            const data = new Uint8Array(event.data);
            term.write(data, () => {
              written += data.length;
              unreported += data.length;
              if (unreported >= step) {
                socket.send(JSON.stringify({ chars: unreported }));
                unreported = 0;
              }
              if (written >= chars) resolve();
            });
          };
          socket.send(JSON.stringify({ chars: 0 }));
        });
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const ms = performance.now() - started;
        socket.close();
        term.dispose();
        element.remove();
        return ms;
      },
      { port: server.address().port, chars, step: ACK_STEP_CHARS },
    );
  } finally {
    server.close();
  }
}
