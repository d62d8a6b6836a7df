// A .cast file chosen or dropped in the page is checked there like the core checks one: played
// when it is asciicast v2, refused with the reason when not, and a huge one is never read.
import { describe, expect, it } from 'vitest';
import { readLocalCastFile, type CastFileSource } from './local-cast-file';
import { MAX_PLAYBACK_BYTES } from '../../electron/contract/asciicast';

const fileOf = (name: string, content: string | Uint8Array, size?: number): CastFileSource & { reads: number } => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const file = {
    name,
    size: size ?? bytes.length,
    lastModified: Date.UTC(2026, 2, 11, 14, 25),
    reads: 0,
    arrayBuffer: async () => {
      file.reads += 1;
      return bytes.slice().buffer;
    },
  };
  return file;
};

const cast = '{"version": 2, "width": 100, "height": 30, "title": "lxc exec instance-0000000c on node03ob64"}\n[0.2, "o", "$ "]\n[3.5, "o", "exit\\r\\n"]\n';

describe('a .cast file opened in the page', () => {
  it('plays an asciicast v2 file, with its title, size and duration', async () => {
    const reading = await readLocalCastFile(fileOf('demo.cast', cast));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.recording).toMatchObject({ name: 'demo.cast', cast, note: null, bytes: cast.length, summary: { title: 'lxc exec instance-0000000c on node03ob64', width: 100, height: 30, durationSeconds: 3.5 } });
  });

  it('refuses a file larger than the player holds without reading it', async () => {
    const huge = fileOf('huge.cast', cast, MAX_PLAYBACK_BYTES + 1);
    expect(await readLocalCastFile(huge)).toEqual({ ok: false, problem: expect.stringMatching(/^huge\.cast cannot be played: it is 64 MiB, more than the 64 MiB/) });
    expect(huge.reads).toBe(0);
  });

  it.each([
    ['not UTF-8', new Uint8Array([0x7b, 0xc3, 0x28, 0x0a]), /not UTF-8 text/],
    ['damaged in the middle', `${cast.split('\n')[0]}\n[0.1, "o"\n[0.2, "o", "x"]\n`, /line 2 is not an asciicast event/],
    ['a shell transcript', 'Script started on 2026-03-11\n$ ls\n', /not a JSON header/],
  ])('says why a file that is %s will not play', async (_case, content, problem) => {
    const reading = await readLocalCastFile(fileOf('bad.cast', content));
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});
