// The main-process side of the IPC carrier, without Electron: refuses requests from frames
// that are not the app's own pages, then dispatches to the core.
import type { RequestOutcome } from '../contract/console-contract';
import type { RequestDispatcher } from '../core/request-dispatcher';
import { APP_ORIGIN } from './ipc-channels';

/** The app's own origin or a page under it. (URL parsing cannot say: a custom scheme's origin is opaque.) */
export function isAppFrameUrl(url: string | undefined | null): boolean {
  return url === APP_ORIGIN || (typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`));
}

export function handleIpcRequest(dispatch: RequestDispatcher, senderUrl: string | undefined | null, name: unknown, params: unknown): Promise<RequestOutcome> {
  if (!isAppFrameUrl(senderUrl)) {
    return Promise.resolve({
      ok: false,
      error: { code: 'invalid-payload', message: `requests are accepted only from the console's own pages, not from ${senderUrl ?? 'an unknown frame'}` },
    });
  }
  return dispatch(name, params);
}
