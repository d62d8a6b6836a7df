// An element's laid-out height, as a Svelte action: `use:observedHeight={(px) => (height = px)}`.
//
// Svelte's bind:clientHeight also reads the height the moment the element mounts, which makes the
// browser lay the page out in the middle of a view's first render and again after each change
// that render makes (three such layouts of 8–17 ms when Overview opened, all in the one task of
// the view switch). A ResizeObserver reports after the browser's own layout of the frame, before
// it paints: the first frame still shows the measured height, and the layout happens once.
//
// One observer for every element, and every height read before any is reported: a report
// changes the page, and a read after it would make the browser lay it out again (6 ms here).
import type { ActionReturn } from 'svelte/action';

const reports = new Map<Element, (px: number) => void>();
let observer: ResizeObserver | null = null;

function heightsChanged(entries: ResizeObserverEntry[]): void {
  const heights = entries.map((entry) => [entry.target, (entry.target as HTMLElement).clientHeight] as const);
  for (const [element, px] of heights) reports.get(element)?.(px);
}

export function observedHeight(element: HTMLElement, report: (px: number) => void): ActionReturn<(px: number) => void> {
  observer ??= new ResizeObserver(heightsChanged);
  reports.set(element, report);
  observer.observe(element);
  return {
    update: (next) => reports.set(element, next),
    destroy: () => {
      reports.delete(element);
      observer?.unobserve(element);
    },
  };
}
