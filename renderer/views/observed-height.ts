// An element's laid-out height, as a Svelte action: `use:observedHeight={(px) => (height = px)}`.
//
// Svelte's bind:clientHeight also reads the height the moment the element mounts, which makes the
// browser lay the page out in the middle of a view's first render and again after each change
// that render makes (three such layouts of 8–17 ms when Overview opened, all in the one task of
// the view switch). A ResizeObserver reports after the browser's own layout of the frame, before
// it paints: the first frame still shows the measured height, and the layout happens once.
import type { ActionReturn } from 'svelte/action';

export function observedHeight(element: HTMLElement, report: (px: number) => void): ActionReturn<(px: number) => void> {
  let current = report;
  const observer = new ResizeObserver(() => current(element.clientHeight));
  observer.observe(element);
  return {
    update: (next) => (current = next),
    destroy: () => observer.disconnect(),
  };
}
