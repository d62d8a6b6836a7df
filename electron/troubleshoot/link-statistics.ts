// Packet counters as the two tools print them: `ip -s -j link` (iproute2 4.13+: each link's
// stats64.rx/tx packets and dropped) and `ovs-vsctl --format=json --columns=name,statistics list
// Interface` (OVS's statistics map: rx_packets, tx_packets, rx_dropped, tx_dropped). Never throws:
// an output it cannot read gives no counters and a message saying why.
import type { HopCounters } from '../contract/troubleshoot';
import { parseOvsList } from '../probes/parsers/ovs-list';
import { asArray, asInteger, asNonEmptyText, asRecord, parseCleanJson } from '../probes/parsers/structured-input';

export interface CountersByName {
  counters: Map<string, HopCounters>;
  /** Why nothing could be read; null when the output was read. */
  error: string | null;
}

const count = (value: unknown): number | null => {
  const number = asInteger(value);
  return number !== null && number >= 0 ? number : null;
};

/** `ip -s -j link`: one entry per link with stats64 (or the older stats) rx/tx. */
export function parseLinkStatistics(text: string): CountersByName {
  const parsed = parseCleanJson(text.trim());
  const links = parsed ? asArray(parsed.value) : [];
  if (!parsed || links.length === 0) return { counters: new Map(), error: `ip -s -j link printed no JSON list of links (${JSON.stringify(text.trim().slice(0, 80))})` };
  const counters = new Map<string, HopCounters>();
  for (const raw of links) {
    const link = asRecord(raw);
    const name = asNonEmptyText(link?.ifname);
    const stats = asRecord(link?.stats64) ?? asRecord(link?.stats);
    if (!name || !stats) continue;
    const rx = asRecord(stats.rx);
    const tx = asRecord(stats.tx);
    counters.set(name, { rxPackets: count(rx?.packets), txPackets: count(tx?.packets), rxDropped: count(rx?.dropped), txDropped: count(tx?.dropped) });
  }
  return { counters, error: null };
}

/** `ovs-vsctl --format=json --columns=name,statistics list Interface`. */
export function parseOvsStatistics(text: string): CountersByName {
  const parsed = parseOvsList(text);
  if (parsed.value.records.length === 0) return { counters: new Map(), error: parsed.problems[0]?.message ?? 'ovs-vsctl listed no interface' };
  const counters = new Map<string, HopCounters>();
  for (const record of parsed.value.records) {
    const stats = asRecord(record.columns.statistics);
    if (!record.name || !stats) continue;
    counters.set(record.name, { rxPackets: count(stats.rx_packets), txPackets: count(stats.tx_packets), rxDropped: count(stats.rx_dropped), txDropped: count(stats.tx_dropped) });
  }
  return { counters, error: null };
}
