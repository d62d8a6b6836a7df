// JSON text already known for a value, so that a carrier need not serialise it again. An opened
// snapshot's inventory is the text of its inventory.json with its own id: tens of MB for a large
// lab, which JSON.stringify would rebuild for every page that asks for it (docs/snapshot-format.md,
// "Opening a snapshot"). Only a value that never changes may be given its text.
import type { ServerFrame } from './wire-protocol';

const known = new WeakMap<object, string>();

/** `text` is exactly `value` as JSON (JSON.parse(text) deep-equals it), and `value` never changes. */
export function rememberJson(value: object, text: string): void {
  known.set(value, text);
}

export function knownJson(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' ? known.get(value) : undefined;
}

/** A frame as the text the page parses: JSON.stringify's, with a payload whose text is known spliced in. */
export function serverFrameJson(frame: ServerFrame): string {
  if (frame.type === 'outcome' && frame.outcome.ok) {
    const result = knownJson(frame.outcome.result);
    if (result !== undefined) return `{"type":"outcome","id":${JSON.stringify(frame.id)},"outcome":{"ok":true,"result":${result}}}`;
  }
  if (frame.type === 'stream') {
    const payload = knownJson(frame.payload);
    if (payload !== undefined) return `{"type":"stream","stream":${JSON.stringify(frame.stream)},"payload":${payload}}`;
  }
  return JSON.stringify(frame);
}
