// When "Export for support" can run: a lab is shown, live and connected or a snapshot (the demo
// included). Said once, for the top bar's button and the palette.
import type { ConnectionState } from '../../electron/contract/payloads';

/** Why there is nothing to export now, or null when the lab shown can be exported. */
export function whyNoSupportExport(connection: ConnectionState | null): string | null {
  if (connection?.phase === 'connected') return null;
  return 'Connect a lab or open a snapshot first: a support bundle is made of the lab shown';
}
