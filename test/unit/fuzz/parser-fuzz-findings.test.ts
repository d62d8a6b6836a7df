// What fuzzing the parsers found (parsers.fuzz.test.ts), each as its smallest input.
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, parsers } from '../../../electron/probes/parsers';

describe('a long line of broken YAML (fuzzing: a 47 KB ip -j link spliced into an LXD profile took 2 s)', () => {
  // Every token after the first document's end is an error, and yaml's "pretty" errors copied the
  // whole line into each: 128 KB took 67 s here, quadratic. Now linear (1.5 s on this loaded
  // machine); the test's time limit is the bound that catches a return.
  const brokenLine = `[1]\n[${'"a",'.repeat(32_000)}1]\n`;

  it('is answered within the time limit, its errors on the line they are on, counted past MAX_PROBLEMS', { timeout: 20_000 }, () => {
    const result = parsers['lxc-profile'](brokenLine);
    expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
    expect(result.problems[0]).toEqual({ line: 2, message: 'lxc profile YAML: Unexpected flow-seq-start at node end at line 2, column 1' });
    expect(result.problems.at(-1)?.message).toMatch(/… and \d+ more (YAML errors|problems) from here on/);
  });
});
