import { describe, expect, it } from 'vitest';
import { isSubsequence, markRuns, matchWord, queryWords, scoreWord } from './fuzzy-match';

const match = (word: string, text: string) => matchWord(word, text, text.toLowerCase());

describe('fuzzy matching of one query word', () => {
  it('keeps a word within one word of the text: its letters never jump a space', () => {
    // "instance-0000000c" is not in "instance-00000002 on node03ob64 lxc profile show".
    const text = 'instance-00000002 on node03ob64 lxc profile show';
    expect(match('instance-0000000c', text)).toBeNull();
    expect(scoreWord('instance-0000000c', text, text)).toBeNull();
    expect(match('i2', text)?.positions).toEqual([0, 16]);
    expect(match('lxc', text)?.positions).toEqual([32, 33, 34]);
  });

  it('finds a word as a subsequence, ignoring case, and says where its letters are', () => {
    expect(match('qr', 'Shell in qrouter-35fea0f3')?.positions).toEqual([9, 10]);
    expect(match('ncc', 'nova-cloud-controller')?.positions).toEqual([0, 5, 11]);
    expect(match('xyz', 'nova-cloud-controller')).toBeNull();
    expect(match('lxd', 'LXD')?.positions).toEqual([0, 1, 2]);
  });

  it('places letters on word starts and in runs rather than at their first occurrence', () => {
    // The first "1" and "2" are in the middle of the number; "12" as a run at the end wins.
    expect(match('12', 'instance-00000012')?.positions).toEqual([15, 16]);
    // "ping" at the start of "Ping from", not scattered through earlier letters.
    expect(match('ping', 'Shell in … Ping from qrouter')?.positions).toEqual([11, 12, 13, 14]);
  });

  it('scores a start-of-word run above the same letters scattered inside words', () => {
    const run = match('comp', 'nova-compute/0')!.score;
    const scattered = match('comp', 'cinder-volume-backup')!.score;
    expect(run).toBeGreaterThan(scattered);
    expect(match('gla', 'glance')!.score).toBeGreaterThan(match('gla', 'neutron-gateway-lab')!.score);
  });

  it('rewards initials of words over letters in the middle of them', () => {
    expect(match('ncc', 'nova-cloud-controller')!.score).toBeGreaterThan(match('ncc', 'ironic-conductor')!.score);
  });

  it('splits a query into lower-case words and checks subsequences quickly', () => {
    expect(queryWords('  Lxc   12 ')).toEqual(['lxc', '12']);
    expect(queryWords('   ')).toEqual([]);
    expect(isSubsequence('i12', 'instance-00000012')).toBe(true);
    expect(isSubsequence('i21', 'instance-00000012')).toBe(false);
  });

  it('marks the matched characters as runs', () => {
    expect(markRuns('glance', [0, 1, 2])).toEqual([
      { text: 'gla', matched: true },
      { text: 'nce', matched: false },
    ]);
    expect(markRuns('ab', [])).toEqual([{ text: 'ab', matched: false }]);
  });
});
