// The numbers of a ping, from its replies when ping did not print them itself: BusyBox prints no
// mdev, and a stopped or timed-out ping prints no statistics at all.
import type { PingReply, PingResult, RoundTrip } from '../contract/lab-model';

/** Round-trip times of the replies that carried one (duplicates are not new answers). */
export function replyTimes(replies: readonly PingReply[]): number[] {
  return replies.filter((reply) => !reply.duplicate && reply.timeMs !== null).map((reply) => reply.timeMs!);
}

/** min/avg/max/mdev as iputils computes them (mdev = standard deviation of the population). */
export function roundTripOf(times: readonly number[]): RoundTrip | null {
  if (times.length === 0) return null;
  const avg = times.reduce((sum, time) => sum + time, 0) / times.length;
  const squares = times.reduce((sum, time) => sum + time * time, 0) / times.length;
  const mdev = Math.sqrt(Math.max(0, squares - avg * avg));
  return { min: Math.min(...times), avg: round3(avg), max: Math.max(...times), mdev: round3(mdev) };
}

export interface PingNumbers {
  transmitted: number | null;
  received: number;
  lossPercent: number | null;
  rtt: RoundTrip | null;
}

/** What ping said, completed from its replies where it said nothing. */
export function pingNumbers(result: PingResult): PingNumbers {
  const received = result.received ?? result.replies.filter((reply) => !reply.duplicate).length;
  const computed = roundTripOf(replyTimes(result.replies));
  const rtt = result.rtt ? { ...result.rtt, mdev: result.rtt.mdev ?? computed?.mdev ?? null } : computed;
  const transmitted = result.transmitted;
  const lossPercent = result.lossPercent ?? (transmitted ? round3(((transmitted - received) / transmitted) * 100) : null);
  return { transmitted, received, lossPercent, rtt };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
