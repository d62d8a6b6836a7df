// The binary terminal frame: what the carrier writes, the page reads back; anything else is refused.
import { describe, expect, it } from 'vitest';
import { readTerminalDataFrame, terminalFrameHeaderBytes, TERMINAL_DATA_FRAME_KIND, writeTerminalFrameHeader } from './wire-protocol';

function frameOf(id: string, text: string, chars = text.length): Uint8Array {
  const body = new TextEncoder().encode(text);
  const frame = new Uint8Array(terminalFrameHeaderBytes(id) + body.byteLength);
  frame.set(body, writeTerminalFrameHeader(frame, id, chars));
  return frame;
}

describe('terminal data frames', () => {
  it('read back the id, the character count and the UTF-8 bytes', () => {
    const frame = readTerminalDataFrame(frameOf('term-00ff00ff00ff', 'ü 😀\r\n', 5));
    expect(frame?.id).toBe('term-00ff00ff00ff');
    expect(frame?.chars).toBe(5);
    expect(new TextDecoder().decode(frame!.data)).toBe('ü 😀\r\n');
  });

  it('count characters beyond 16 bits (a frame can hold megabytes)', () => {
    expect(readTerminalDataFrame(frameOf('t', 'x', 3_000_000))?.chars).toBe(3_000_000);
  });

  it('read from an ArrayBuffer and from a view into a larger buffer', () => {
    const frame = frameOf('term-1', 'abc');
    const larger = new Uint8Array(frame.byteLength + 10);
    larger.set(frame, 10);
    expect(readTerminalDataFrame(frame.slice().buffer)?.id).toBe('term-1');
    expect(new TextDecoder().decode(readTerminalDataFrame(larger.subarray(10))!.data)).toBe('abc');
  });

  it('refuse what is not a whole terminal frame', () => {
    expect(readTerminalDataFrame(new Uint8Array([]))).toBeNull();
    expect(readTerminalDataFrame(new Uint8Array([TERMINAL_DATA_FRAME_KIND, 0, 0]))).toBeNull();
    expect(readTerminalDataFrame(new Uint8Array([9, 0, 0, 0, 0, 0]))).toBeNull();
    // The id is said to be 20 bytes long, but the frame ends before.
    expect(readTerminalDataFrame(new Uint8Array([TERMINAL_DATA_FRAME_KIND, 1, 0, 0, 0, 20, 65]))).toBeNull();
  });
});
