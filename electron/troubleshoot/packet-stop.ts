// Where the test pings stop: each counted hop's counter in the path's direction, after minus
// before, compared with the pings sent. Counters also count other traffic (ARP, DHCP renewals),
// so a hop passed them when it moved by at least as many; the first that did not is where they
// stopped: "5 sent, 5 reached qvo9e0c6af1-30, 0 left br-int on tag 1".
import type { HopCounterReading, HopCounters, PathHop } from '../contract/troubleshoot';

const passed = (counters: HopCounters, passes: 'rx' | 'tx') => (passes === 'rx' ? counters.rxPackets : counters.txPackets);
const dropped = (counters: HopCounters, passes: 'rx' | 'tx') => (passes === 'rx' ? counters.rxDropped : counters.txDropped);

function movedThrough(hop: PathHop, reading: HopCounterReading | undefined): { moved: number; drops: number } | null {
  if (!hop.counters || !reading?.before || !reading.after) return null;
  const before = passed(reading.before, hop.counters.passes);
  const after = passed(reading.after, hop.counters.passes);
  if (before === null || after === null) return null;
  const dropsBefore = dropped(reading.before, hop.counters.passes) ?? 0;
  const dropsAfter = dropped(reading.after, hop.counters.passes) ?? 0;
  return { moved: Math.max(0, after - before), drops: Math.max(0, dropsAfter - dropsBefore) };
}

/** How the sentence names a hop: br-int by its tag ("left br-int on tag 1"), the others by name, "left" for what they send on. */
function passage(hop: PathHop, moved: number): string {
  if (hop.kind === 'br-int') return `${moved} left ${hop.name ?? 'br-int'}${hop.vlanTag !== null ? ` on tag ${hop.vlanTag}` : ''}`;
  return `${moved} ${hop.counters?.passes === 'tx' ? 'left' : 'reached'} ${hop.name ?? hop.kind}`;
}

export function wherePacketsStop(hops: readonly PathHop[], readings: readonly HopCounterReading[], sent: number | null, received: number | null): { hopIndex: number | null; text: string } {
  const byHop = new Map(readings.map((reading) => [reading.hopId, reading]));
  const sentText = `${sent ?? '?'} sent`;
  if (sent !== null && received !== null && received >= sent && sent > 0) return { hopIndex: null, text: `${sentText}, ${received} answered: nothing stopped them.` };
  const parts: string[] = [sentText];
  let lastPassed: string | null = null;
  let counted = 0;
  for (const [index, hop] of hops.entries()) {
    const through = movedThrough(hop, byHop.get(hop.id));
    if (!through) continue;
    counted += 1;
    if (sent !== null && through.moved < sent) {
      const drops = through.drops > 0 ? ` (${through.drops} counted as dropped there)` : '';
      return { hopIndex: index, text: [...parts, ...(lastPassed ? [lastPassed] : []), `${passage(hop, through.moved)}${drops}`].join(', ') + '.' };
    }
    lastPassed = passage(hop, through.moved);
  }
  if (counted === 0) return { hopIndex: null, text: `${sentText}, ${received ?? 0} answered; no hop's counters could be read, so where they stopped is not known.` };
  return { hopIndex: null, text: `${sentText}, ${received ?? 0} answered: every counted hop passed them on the way there (${lastPassed}); the replies were lost on the way back, or the target did not answer.` };
}
