// Work that should not hold up what is about to be painted (a view's first tables) waits for the
// frame that shows them: a task queued from the next animation frame runs after that frame's paint.

export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    // No frames where nothing paints (tests outside a DOM): a task is as late as it gets.
    if (typeof requestAnimationFrame !== 'function') return void setTimeout(resolve, 0);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}
