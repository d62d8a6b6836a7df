// Secrets are masked in a support bundle whatever the snapshot it is made from: a capture masked
// them already, but a snapshot may come from an older console, be the demo, or carry recordings,
// whose terminal output was never masked (a `cat nova.conf` typed in a recorded terminal shows the
// passwords). So the export masks again, with the project's one rule, every part that holds lab text.
import type { SnapshotContent, SnapshotRecording } from '../../contract/snapshot';
import { SECRET_MASK } from '../../probes/parsers/secret-masking';
import { maskInventory } from '../inventory-masking';
import { maskRawOutput } from '../raw-output-masking';

export interface MaskedBundleContent {
  content: SnapshotContent;
  /** Values masked by this pass (a capture's own masking is counted in `maskedInBundle`). */
  maskedNow: number;
}

export function maskBundleContent(content: SnapshotContent): MaskedBundleContent {
  let maskedNow = 0;
  const mask = (text: string) => {
    const result = maskRawOutput(text);
    maskedNow += result.masked;
    return result.text;
  };
  const commands = content.commands.map((command) => ({ ...command, stdout: mask(command.stdout), stderr: mask(command.stderr) }));
  const { inventory, masked } = maskInventory(content.inventory);
  maskedNow += masked;
  const recordings = content.recordings.map((recording) => {
    const result = maskRecordingOutput(recording);
    maskedNow += result.masked;
    return result.recording;
  });
  return { content: { ...content, commands, inventory, recordings }, maskedNow };
}

/** How many masked values a text holds. */
export function countMasks(text: string): number {
  let count = 0;
  for (let index = text.indexOf(SECRET_MASK); index !== -1; index = text.indexOf(SECRET_MASK, index + SECRET_MASK.length)) count += 1;
  return count;
}

type CastEvent = [number, string, string, ...unknown[]];

/**
 * A recording's output masked as one text (a secret is often split over several output events),
 * then cut back into the same events at the same times. Events before and after what changed keep
 * their text exactly. A line that is not an output event (the header, a damaged line) is left as is.
 */
export function maskRecordingOutput(recording: SnapshotRecording): { recording: SnapshotRecording; masked: number } {
  const lines = recording.cast.split('\n');
  const outputs: { line: number; event: CastEvent }[] = [];
  lines.forEach((line, index) => {
    if (index === 0 || !line.startsWith('[')) return;
    try {
      const event = JSON.parse(line) as unknown;
      if (Array.isArray(event) && typeof event[0] === 'number' && event[1] === 'o' && typeof event[2] === 'string') outputs.push({ line: index, event: event as CastEvent });
    } catch {
      // Not an event: left as it is (the player says what is wrong with it).
    }
  });
  const whole = outputs.map(({ event }) => event[2]).join('');
  const result = maskRawOutput(whole);
  if (result.masked === 0 || result.text === whole) return { recording, masked: 0 };

  // Positions outside the changed stretch keep their place (shifted after it); the whole changed
  // stretch goes to the event where it starts, and the events inside it become empty.
  const prefix = commonPrefixLength(whole, result.text);
  const suffix = commonSuffixLength(whole, result.text, prefix);
  const changedEnd = whole.length - suffix;
  const maskedChangedEnd = result.text.length - suffix;
  const place = (position: number) => (position <= prefix ? position : position >= changedEnd ? position - changedEnd + maskedChangedEnd : maskedChangedEnd);
  let offset = 0;
  for (const output of outputs) {
    const start = offset;
    offset += output.event[2].length;
    output.event[2] = result.text.slice(place(start), place(offset));
    lines[output.line] = JSON.stringify(output.event);
  }
  return { recording: { ...recording, cast: lines.join('\n') }, masked: result.masked };
}

function commonPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  return index;
}

function commonSuffixLength(a: string, b: string, prefix: number): number {
  let count = 0;
  while (count < a.length - prefix && count < b.length - prefix && a[a.length - 1 - count] === b[b.length - 1 - count]) count += 1;
  return count;
}
