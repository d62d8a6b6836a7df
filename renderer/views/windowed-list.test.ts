import { describe, expect, it } from 'vitest';
import { scrollTopToReveal, visibleWindow } from './windowed-list';

describe('windowed lists', () => {
  it('windows 5,000 rows to the few on screen', () => {
    expect(visibleWindow(5000, 0, 600, 30, 5)).toEqual({ start: 0, end: 25 });
    expect(visibleWindow(5000, 30_000, 600, 30, 5)).toEqual({ start: 995, end: 1025 });
    expect(visibleWindow(5000, 1e9, 600, 30, 5)).toEqual({ start: 5000, end: 5000 });
    expect(visibleWindow(0, 0, 600, 30, 5)).toEqual({ start: 0, end: 0 });
  });

  it('leaves the scroll alone when the row is already whole on screen', () => {
    expect(scrollTopToReveal(3, 30, 300, 0)).toBe(0);
    expect(scrollTopToReveal(12, 30, 300, 90)).toBe(90);
  });

  it('centres a row that is off screen or cut at an edge', () => {
    // Row 900 of a 1,000-unit list: top at 27,000 px, centred in a 300 px viewport.
    expect(scrollTopToReveal(900, 30, 300, 0)).toBe(27_000 + 15 - 150);
    // Half hidden under the bottom edge.
    expect(scrollTopToReveal(9, 30, 290, 0)).toBe(270 + 15 - 145);
    // Above the top: centring would go negative, so the list stays at its top.
    expect(scrollTopToReveal(1, 30, 300, 200)).toBe(0);
  });

  it('the revealed row is inside the window of rows in the page', () => {
    const top = scrollTopToReveal(777, 34, 476, 0);
    const shown = visibleWindow(1000, top, 476, 34, 8);
    expect(shown.start).toBeLessThanOrEqual(777);
    expect(shown.end).toBeGreaterThan(777);
  });
});
