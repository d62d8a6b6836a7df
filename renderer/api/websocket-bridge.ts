// A ConsoleBridge over the browser host's WebSocket: requests wait for the socket, a lost socket
// fails the requests in flight with a clear error and reconnects with backoff; streams keep
// their listeners across reconnects.
import type { ConsoleBridge, RequestOutcome } from '../../electron/contract/console-contract';
import { readTerminalDataFrame, type ServerFrame } from '../../electron/contract/wire-protocol';

export type CarrierState = 'connecting' | 'open' | 'lost';
export type CarrierStateListener = (state: CarrierState, detail?: string) => void;

/** The smallest surface of a WebSocket we need (the browser's, or `ws` in tests). */
export interface SocketLike {
  readonly readyState: number;
  /** Binary frames (terminal output) arrive as ArrayBuffers. */
  binaryType: string;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void;
}

export interface WebSocketBridgeOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  onCarrierState?: CarrierStateListener;
}

/** Reconnect quickly after a blip, but never hammer a host that is down. */
const RECONNECT_FIRST_DELAY_MS = 250;
const RECONNECT_MAX_DELAY_MS = 5000;
const SOCKET_OPEN = 1;

export interface ClosableBridge extends ConsoleBridge {
  /** Stop reconnecting and close the socket. */
  close(): void;
}

export function createWebSocketBridge(options: WebSocketBridgeOptions): ClosableBridge {
  const pending = new Map<number, (outcome: RequestOutcome) => void>();
  const waitingToSend: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let delay = RECONNECT_FIRST_DELAY_MS;
  let closedByUs = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const failInFlight = (message: string) => {
    for (const [id, resolve] of pending) {
      pending.delete(id);
      resolve({ ok: false, error: { code: 'transport-closed', message } });
    }
  };

  const open = () => {
    options.onCarrierState?.('connecting');
    const current = options.createSocket(options.url);
    current.binaryType = 'arraybuffer';
    socket = current;
    current.addEventListener('open', () => {
      delay = RECONNECT_FIRST_DELAY_MS;
      options.onCarrierState?.('open');
      for (const frame of waitingToSend.splice(0)) current.send(frame);
    });
    current.addEventListener('message', (event) => (typeof event.data === 'string' ? receive(event.data) : receiveBinary(event.data)));
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      waitingToSend.length = 0; // their requests are failed just below
      failInFlight('the connection to the console core was lost; the request may not have run. Try again once it is back.');
      if (closedByUs) return;
      options.onCarrierState?.('lost', `reconnecting in ${Math.round(delay / 100) / 10} s`);
      reconnectTimer = setTimeout(open, delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS);
    });
  };

  const receiveBinary = (data: unknown) => {
    const frame = data instanceof ArrayBuffer || data instanceof Uint8Array ? readTerminalDataFrame(data) : null;
    if (!frame) return;
    for (const listener of listeners.get('terminal.data') ?? []) listener(frame);
  };

  const receive = (text: string) => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'outcome') {
      const resolve = pending.get(frame.id);
      pending.delete(frame.id);
      resolve?.(frame.outcome);
    } else if (frame.type === 'stream') {
      for (const listener of listeners.get(frame.stream) ?? []) listener(frame.payload);
    } else if (frame.type === 'protocol-error') {
      for (const listener of listeners.get('core.notice') ?? []) {
        listener({ level: 'error', code: 'invalid-payload', message: frame.message, at: new Date().toISOString() });
      }
    }
  };

  open();

  return {
    request(name, params) {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'request', id, name, params: params ?? null });
      return new Promise<RequestOutcome>((resolve) => {
        pending.set(id, resolve);
        if (socket?.readyState === SOCKET_OPEN) socket.send(frame);
        else waitingToSend.push(frame);
      });
    },
    listen(stream, listener) {
      const set = listeners.get(stream) ?? new Set();
      set.add(listener);
      listeners.set(stream, set);
      return () => {
        set.delete(listener);
      };
    },
    close() {
      closedByUs = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      failInFlight('the console was closed');
    },
  };
}
