// The renderer's only way to reach the core: a typed API over whichever bridge the host gives
// (Electron's preload bridge, or the browser host's WebSocket). Rejections carry the core's code
// and message.
import type { ConsoleApi, ConsoleBridge } from '../../electron/contract/console-contract';
import { ConsoleRequestError, isConsoleErrorValue } from '../../electron/contract/console-errors';
import { BRIDGE_GLOBAL } from '../../electron/ipc/ipc-channels';
import { createWebSocketBridge, type CarrierStateListener } from './websocket-bridge';
import { WEBSOCKET_PATH } from '../../electron/contract/wire-protocol';

export function createConsoleApi(bridge: ConsoleBridge): ConsoleApi {
  return {
    async request(name, params) {
      const outcome = await bridge.request(name, params);
      if (outcome.ok) return outcome.result as never;
      const error = isConsoleErrorValue(outcome.error) ? outcome.error : { code: 'internal' as const, message: 'the core answered with an unreadable error' };
      throw new ConsoleRequestError(error.code, error.message, name);
    },
    listen(stream, listener) {
      return bridge.listen(stream, listener as (payload: unknown) => void);
    },
  };
}

/** Electron gives a preload bridge; in a browser the page talks to the host that served it. */
export function connectToCore(onCarrierState: CarrierStateListener): { api: ConsoleApi; host: 'electron' | 'browser' } {
  const preloadBridge = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as ConsoleBridge | undefined;
  if (preloadBridge) {
    onCarrierState('open');
    return { api: createConsoleApi(preloadBridge), host: 'electron' };
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const bridge = createWebSocketBridge({
    url: `${scheme}//${location.host}${WEBSOCKET_PATH}`,
    createSocket: (url) => new WebSocket(url),
    onCarrierState,
  });
  return { api: createConsoleApi(bridge), host: 'browser' };
}
