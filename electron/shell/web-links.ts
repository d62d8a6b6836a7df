// Links in the console's page (a URL printed in a terminal, a documentation link) open in the
// system browser; the console itself never opens a second window. Every way a page asks for a new
// window comes here — a click, a middle click (auxclick, disposition background-tab), Shift+click,
// window.open — and is refused; only a plain http(s) address that the console's own page asked
// for is handed to the system browser, rebuilt from its parsed form.
// Electron's objects are handed in (main.ts passes the real ones, tests a stand-in): this file
// does not import electron.
import { isAppFrameUrl } from '../ipc/ipc-request-handler';

/** Longer than any documentation or dashboard link; a megabyte "URL" printed by a lab is not one. */
export const WEB_LINK_MAX_LENGTH = 2_048;
const WEB_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** The address to hand to the system browser, or null. http(s) only (no file:, javascript:,
 *  smb:, custom app schemes), no user:password@ (a link can dress one host up as another), no
 *  control characters or spaces; what is returned is the parsed URL, never the raw text. */
export function webLinkToOpen(raw: string): string | null {
  if (raw.length > WEB_LINK_MAX_LENGTH || /[\s\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!WEB_PROTOCOLS.has(url.protocol) || url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

/** The part of Electron's window-open details this module reads. */
export interface WindowOpenRequest {
  url: string;
  disposition?: string;
}

/** For webContents.setWindowOpenHandler: every new window is denied; a web link the console's own
 *  page opened goes to the system browser. `pageUrl` is the asking page's address
 *  (webContents.getURL). */
export function refuseNewWindows(
  pageUrl: () => string,
  openExternal: (url: string) => Promise<void>,
  reportError: (message: string) => void = (message) => console.error(message),
): (request: WindowOpenRequest) => { action: 'deny' } {
  return ({ url }) => {
    const link = isAppFrameUrl(pageUrl()) ? webLinkToOpen(url) : null;
    if (link !== null) {
      openExternal(link).catch((error: unknown) => reportError(`could not open ${link} in the system browser: ${String(error)}`));
    }
    return { action: 'deny' };
  };
}
