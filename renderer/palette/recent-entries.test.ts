// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT, readRecent, withUse, writeRecent } from './recent-entries';

beforeEach(() => localStorage.clear());

describe('recently used palette entries', () => {
  it('puts the entry just used first, once, and forgets the oldest beyond the limit', () => {
    expect(withUse(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    const full = Array.from({ length: MAX_RECENT }, (_, index) => `entry-${index}`);
    const next = withUse(full, 'new');
    expect(next).toHaveLength(MAX_RECENT);
    expect(next[0]).toBe('new');
    expect(next).not.toContain(`entry-${MAX_RECENT - 1}`);
  });

  it('keeps the list across a reload of the page, and ignores what it cannot read', () => {
    writeRecent(['unit:glance/0', 'action:theme']);
    expect(readRecent()).toEqual(['unit:glance/0', 'action:theme']);
    localStorage.setItem('obx.palette.recent', '{not json');
    expect(readRecent()).toEqual([]);
    localStorage.setItem('obx.palette.recent', JSON.stringify(['ok', 42, null]));
    expect(readRecent()).toEqual(['ok']);
  });
});
