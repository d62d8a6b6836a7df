// Every view but Overview is a chunk of its own, loaded the first time it is opened: the page's
// first view parses its own code only (issue 11: the whole bundle held the first paint). Each
// loader keeps its promise, so a view opened again is there at once.

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      // Tried again the next time the view is opened (a page served while the console was rebuilt).
      loading = null;
      throw error;
    }));
};

export const viewLoaders = {
  nodes: once(() => import('./nodes/NodesView.svelte')),
  containers: once(() => import('./containers/ContainersView.svelte')),
  openstack: once(() => import('./openstack/OpenStackView.svelte')),
  profiles: once(() => import('./profiles/ProfilesView.svelte')),
  network: once(() => import('./network/NetworkView.svelte')),
  diagnostics: once(() => import('./diagnostics/DiagnosticsView.svelte')),
  health: once(() => import('./health/HealthView.svelte')),
  terminals: once(() => import('./terminals/TerminalsView.svelte')),
  recordings: once(() => import('../recordings/RecordingsView.svelte')),
  changes: once(() => import('./changes/ChangesView.svelte')),
};

/**
 * Loads every view's code in the background, once the first view is painted and the inventory is
 * in: the next view opens at once, and a page kept open while the console is rebuilt (new chunk
 * names) still has every view.
 */
export function preloadViews(): Promise<unknown> {
  return Promise.allSettled(Object.values(viewLoaders).map((load) => load()));
}

/** What the page says when a view's code cannot be loaded. */
export const viewLoadProblem = (error: unknown): string =>
  `This view's code could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page (Ctrl+R) to try again.`;
