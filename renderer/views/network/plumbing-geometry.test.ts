import { describe, expect, it } from 'vitest';
import { BOX_HEIGHT, BOX_WIDTH, chainGeometry, hopsPerRow, MIN_PER_ROW } from './plumbing-geometry';

const HOPS = 6;
const QVO = 4;

describe('the plumbing chain’s boxes', () => {
  it('draws all six hops in one row when the view is wide enough at the UI’s text size', () => {
    const oneRow = chainGeometry(HOPS, HOPS, QVO);
    expect(hopsPerRow(oneRow.width, 1, HOPS)).toBe(HOPS);
    expect(new Set(oneRow.boxes.map((box) => box.y)).size).toBe(1);
    expect(oneRow.links.every((path) => /^M [\d.]+ [\d.]+ L [\d.]+ [\d.]+$/.test(path))).toBe(true);
    // The external-ids panel sits under qvo, inside the drawing, joined to it.
    expect(oneRow.panel.x).toBeLessThanOrEqual(oneRow.boxes[QVO]!.x);
    expect(oneRow.panel.x + oneRow.panel.width).toBeLessThanOrEqual(oneRow.width);
    expect(oneRow.callout).toEqual({ x: oneRow.boxes[QVO]!.x + BOX_WIDTH / 2, y1: oneRow.boxes[QVO]!.y + BOX_HEIGHT, y2: oneRow.panel.y });
  });

  it('wraps onto rows in large text mode rather than shrinking, with a bent arrow between rows', () => {
    const wide = chainGeometry(HOPS, HOPS, QVO).width;
    const perRow = hopsPerRow(wide, 20 / 14, HOPS);
    expect(perRow).toBeLessThan(HOPS);
    expect(perRow).toBeGreaterThanOrEqual(MIN_PER_ROW);
    const wrapped = chainGeometry(HOPS, perRow, QVO);
    expect(wrapped.width * (20 / 14)).toBeLessThanOrEqual(wide);
    expect(wrapped.boxes[perRow]!.y).toBeGreaterThan(wrapped.boxes[perRow - 1]!.y);
    expect(wrapped.links[perRow - 1]).toMatch(/^M .* L .* L .* L .*$/);
    expect(wrapped.panel.y).toBeGreaterThan(wrapped.boxes[HOPS - 1]!.y + BOX_HEIGHT);
  });

  it('never goes below three boxes a row, and draws one row before the view is measured', () => {
    expect(hopsPerRow(200, 1, HOPS)).toBe(MIN_PER_ROW);
    expect(hopsPerRow(0, 1, HOPS)).toBe(HOPS);
  });

  it('leaves out the callout when a row lies between qvo and the panel', () => {
    expect(chainGeometry(HOPS, 5, QVO).callout).toBeNull();
    expect(chainGeometry(HOPS, 3, QVO).callout).not.toBeNull();
  });
});
