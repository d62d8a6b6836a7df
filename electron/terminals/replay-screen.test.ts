// The lazily fed replay buffer must end in exactly the state of a headless xterm that parsed
// every byte: same serialized screen and scrollback (cursor, colours, modes), same text. Each
// case is a kind of output a flood can be, cut into chunks the way ssh2 and node-pty hand it over.
import { describe, expect, it } from 'vitest';
import xtermHeadless from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';
import unicode11Addon from '@xterm/addon-unicode11';
import { MAX_PENDING_CHARS, PAGE_ROWS_AT_MOST, ReplayScreen } from './replay-screen';

const { Terminal } = xtermHeadless;
const { SerializeAddon } = serializeAddon;
const { Unicode11Addon } = unicode11Addon;

const SIZE = { cols: 80, rows: 24 };
const SCROLLBACK = 500;

/** Cuts output into pieces of varying size (a fixed seed, so a failure can be replayed). */
function chunked(text: string, seed = 7): string[] {
  const pieces: string[] = [];
  let state = seed;
  for (let at = 0; at < text.length; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 4096);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

async function parsedEveryByte(pieces: string[], resizeAt?: { index: number; cols: number; rows: number }): Promise<{ serialized: string; cursor: [number, number] }> {
  const terminal = new Terminal({ ...SIZE, scrollback: SCROLLBACK, allowProposedApi: true });
  const serializer = new SerializeAddon();
  terminal.loadAddon(serializer);
  terminal.loadAddon(new Unicode11Addon());
  terminal.unicode.activeVersion = '11';
  for (const [index, piece] of pieces.entries()) {
    if (resizeAt?.index === index) terminal.resize(resizeAt.cols, resizeAt.rows);
    terminal.write(piece);
  }
  await new Promise<void>((resolve) => terminal.write('', resolve));
  const result = { serialized: serializer.serialize({ scrollback: SCROLLBACK }), cursor: [terminal.buffer.active.cursorX, terminal.buffer.active.cursorY] as [number, number] };
  terminal.dispose();
  return result;
}

/**
 * The replay's quiet time in these tests: far longer than any pause of a loaded machine's event
 * loop between two writes (which would rightly make the replay parse instead of drop), so what is
 * dropped depends on the output only. Pending output is parsed at the end by whenParsed().
 */
const TEST_SETTLE_MS = 60_000;
/** Parsing what came before a flood takes well under a second here; a loaded machine, a few. */
const PARSE_BEFORE_END_MS = 20_000;

async function replayed(pieces: string[], resizeAt?: { index: number; cols: number; rows: number }, dropNowAtEnd = false): Promise<{ serialized: string; dropped: number; text: string }> {
  const replay = new ReplayScreen(SIZE, SCROLLBACK, () => SCROLLBACK, TEST_SETTLE_MS);
  for (const [index, piece] of pieces.entries()) {
    if (resizeAt?.index === index) replay.resize(resizeAt.cols, resizeAt.rows);
    replay.write(piece);
    // Let the headless xterm parse now and then, as the event loop does between chunks.
    if (index % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (dropNowAtEnd) replay.dropScrolledOutNow();
  // Output before a flood is parsed in the background; once parsed, the flood behind it is dropped.
  // A loaded machine may still be parsing when the last piece is written: whenParsed() would then
  // parse the flood instead (rightly, for a replay that must end now), so the test waits first.
  const parseBound = Date.now() + PARSE_BEFORE_END_MS;
  while (replay.isParsing) {
    if (Date.now() > parseBound) throw new Error(`the replay was still parsing ${PARSE_BEFORE_END_MS / 1000} s after the last write`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await replay.whenParsed();
  const result = { serialized: replay.serialize(), dropped: replay.droppedChars, text: replay.text() };
  replay.dispose();
  return result;
}

const lines = (count: number, make: (index: number) => string, end = '\r\n') => Array.from({ length: count }, (_, index) => `${make(index)}${end}`).join('');
const base64Line = (index: number) => Buffer.from(`line ${index} `.repeat(6)).toString('base64').slice(0, 76);

async function expectSameAsEveryByte(output: string, options: { dropsSome: boolean; resizeAt?: { index: number; cols: number; rows: number } }) {
  const pieces = chunked(output);
  // One after the other: the reference parsing in the background would delay the replay's writes
  // past REPLAY_SETTLE_MS, and the replay would then (rightly) parse instead of dropping.
  const reference = await parsedEveryByte(pieces, options.resizeAt);
  const lazy = await replayed(pieces, options.resizeAt);
  expect(lazy.serialized).toBe(reference.serialized);
  if (options.dropsSome) expect(lazy.dropped).toBeGreaterThan(output.length / 2);
  else expect(lazy.dropped).toBe(0);
  return lazy;
}

describe('replay screen fed lazily', () => {
  it('drops most of a base64 flood and ends with the same screen and scrollback', async () => {
    const lazy = await expectSameAsEveryByte(`$ head -c 1M /dev/urandom | base64\r\n${lines(6000, base64Line)}FLOOD-END\r\n$ `, { dropsSome: true });
    expect(lazy.text).toContain('FLOOD-END');
    expect(lazy.text).toContain(base64Line(5999));
    expect(lazy.text).not.toContain(base64Line(5000));
  });

  it('keeps colours, the cursor position and modes set before the flood', async () => {
    const before = '\x1b[?1h\x1b[?2004h\x1b]0;title\x07\x1b[5;30H\x1b[1;38;5;202mheading\x1b[4m';
    await expectSameAsEveryByte(`${before}${lines(6000, base64Line)}\x1b[0mdone\r\n`, { dropsSome: true });
  });

  it('drops a plain flood that follows more than a megabyte of coloured output (parsed in pieces first)', async () => {
    const coloured = lines(16000, (index) => `\x1b[3${index % 8}m${base64Line(index)}\x1b[0m`);
    expect(coloured.length).toBeGreaterThan(1024 * 1024);
    const plain = lines(6000, base64Line);
    const pieces = chunked(`${coloured}${plain}$ `);
    const reference = await parsedEveryByte(pieces);
    const lazy = await replayed(pieces);
    expect(lazy.serialized).toBe(reference.serialized);
    expect(lazy.dropped).toBeGreaterThan(plain.length / 2);
  }, 30_000);

  it('floods inside the alternate screen', async () => {
    await expectSameAsEveryByte(`kept in the normal buffer\r\n\x1b[?1049h\x1b[H\x1b[2J${lines(4000, base64Line)}`, { dropsSome: true });
  });

  it('drops nothing while a scroll region is set, and still ends the same', async () => {
    await expectSameAsEveryByte(`\x1b[5;15r\x1b[2;1H${lines(4000, base64Line)}`, { dropsSome: false });
  });

  it('drops nothing when lines end without a carriage return (the column carries over)', async () => {
    await expectSameAsEveryByte(`abc${lines(4000, (index) => `x${index}`, '\n')}`, { dropsSome: false });
  });

  it('handles wide characters and lines longer than the screen', async () => {
    await expectSameAsEveryByte(lines(8000, (index) => `${'界😀'.repeat(index % 7)}${'w'.repeat(index % 200)}`), { dropsSome: true });
  });

  it('handles colours on every line (nothing to drop) and a resize in the middle', async () => {
    const output = lines(3000, (index) => `\x1b[3${index % 8}m${base64Line(index)}\x1b[0m`);
    await expectSameAsEveryByte(output, { dropsSome: false, resizeAt: { index: 40, cols: 100, rows: 30 } });
  });

  it('handles a plain flood that follows a resize', async () => {
    await expectSameAsEveryByte(lines(6000, base64Line), { dropsSome: true, resizeAt: { index: 3, cols: 120, rows: 40 } });
  });

  it('is exact at every length around the point where dropping starts, after a clear screen', async () => {
    // The drop leaves as few line feeds as it may; a flood that ends right there is the edge.
    // Dropping starts at twice what it keeps; the least it could keep and be exact is scrollback
    // plus a screen, so every length from twice that up to where it starts is tried.
    const leastExact = SCROLLBACK + SIZE.rows;
    const kept = SCROLLBACK + 2 * PAGE_ROWS_AT_MOST;
    for (let count = 2 * leastExact - 30; count < 2 * kept + 30; count += 7) {
      const pieces = ['\x1b[H\x1b[2J', ...Array.from({ length: count }, (_, index) => `${base64Line(index)}\r\n`), '$ '];
      const reference = await parsedEveryByte(pieces);
      const lazy = await replayed(pieces);
      expect(lazy.serialized, `${count} lines`).toBe(reference.serialized);
    }
  }, 60_000);

  it('drops down to what must stay when a flood ends, and still ends the same', async () => {
    // Lengths that end a drop cycle with more than what must stay still pending. A flood with
    // escape sequences before it is dropped from once those are parsed (the first amortised drop
    // sees to it); a plain flood can be dropped from at once.
    for (const [count, before] of [[1000, ''], [4300, '\x1b[1m'], [5900, '\x1b[1m']] as const) {
      const pieces = chunked(`${before}${lines(count, base64Line)}$ `);
      const reference = await parsedEveryByte(pieces);
      const amortised = await replayed(pieces);
      const atOnce = await replayed(pieces, undefined, true);
      expect(atOnce.serialized, `${count} lines`).toBe(reference.serialized);
      expect(atOnce.dropped, `${count} lines`).toBeGreaterThan(amortised.dropped);
    }
  }, 30_000);

  it('drops a flood down to what must stay when a coloured prompt follows it', async () => {
    // A shell prints its prompt right after a flood, with colours: the plain run ends there. What
    // it scrolled out must still be dropped, then and not later, or the page gets all of it.
    const prompt = '\x1b[01;32mubuntu@node03ob64\x1b[00m:\x1b[01;34m~\x1b[00m$ ';
    for (const count of [1000, 1500, 3000]) {
      const flood = chunked(lines(count, base64Line));
      const pieces = [...flood, 'FLOOD-END\r\n', prompt];
      const reference = await parsedEveryByte(pieces);
      const replay = new ReplayScreen(SIZE, SCROLLBACK);
      const outputs = pieces.map((piece) => replay.write(piece));
      replay.dropScrolledOutNow();
      const keptLines = outputs.filter((output) => !output.dropped).reduce((sum, output) => sum + output.lineFeeds, 0);
      // What must stay, give or take the two chunks (of up to 4096 characters) at the cut, and the
      // line of the end marker.
      expect(keptLines, `${count} lines`).toBeLessThanOrEqual(SCROLLBACK + 2 * PAGE_ROWS_AT_MOST + 2 * Math.ceil(4096 / 78) + 1);
      expect(replay.droppedChars, `${count} lines`).toBeGreaterThan(0);
      await replay.whenParsed();
      expect(replay.serialize(), `${count} lines`).toBe(reference.serialized);
      replay.dispose();
    }
  });

  it('never holds more than its bound unparsed, even for one endless line', async () => {
    const replay = new ReplayScreen(SIZE, SCROLLBACK);
    const piece = 'A'.repeat(64 * 1024);
    let worst = 0;
    for (let index = 0; index < (3 * MAX_PENDING_CHARS) / piece.length; index += 1) {
      replay.write(piece);
      worst = Math.max(worst, replay.pendingCharacters);
    }
    // Twice the bound while the first parse is under way (nothing here lets it finish).
    expect(worst).toBeLessThanOrEqual(2 * MAX_PENDING_CHARS + piece.length);
    expect(worst).toBeGreaterThan(MAX_PENDING_CHARS);
    expect(replay.droppedChars).toBe(0);
    await replay.whenParsed();
    expect(replay.pendingCharacters).toBe(0);
    replay.dispose();
  });

  it('parses what is pending once the output goes quiet', async () => {
    const replay = new ReplayScreen(SIZE, SCROLLBACK);
    replay.write('prompt$ ');
    expect(replay.pendingCharacters).toBe(8);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(replay.pendingCharacters).toBe(0);
    expect(replay.text()).toBe('prompt$ \n');
    replay.dispose();
  });
});

describe('a replay screen closed while output is on its way', () => {
  it('lets go of output that arrives after it was closed, a plain flood then a prompt (it threw in a timer)', () => {
    const replay = new ReplayScreen(SIZE, SCROLLBACK);
    replay.write('line\n'.repeat(50 * (SCROLLBACK + 200)));
    replay.dispose();
    expect(() => replay.write('\u001b[32mprompt$\u001b[0m ')).not.toThrow();
    expect(replay.write('more\n').dropped).toBe(false);
  });
});
