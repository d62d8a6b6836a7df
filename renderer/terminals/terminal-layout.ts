// How the open terminals are arranged on the page: tabs, each holding one terminal or a split of
// a few side by side (or stacked). Pure data and functions, so the rules are tested without a
// browser; the layout is page state (the sessions themselves live in the core) and is kept in
// the page's storage so a reload shows the same tabs and splits.

export type SplitDirection = 'row' | 'column';

export interface TerminalTab {
  key: string;
  /** Terminal ids, in the order they are shown. */
  panes: string[];
  /** row: side by side; column: stacked. */
  direction: SplitDirection;
  /** The pane that has (or last had) the keyboard in this tab. */
  focused: string;
}

export interface TerminalLayout {
  tabs: TerminalTab[];
  activeTab: string | null;
}

/** More than four panes in one tab leaves each too small for an 80-column shell on a laptop. */
export const MAX_PANES_PER_TAB = 4;

export const emptyLayout: TerminalLayout = { tabs: [], activeTab: null };

function nextTabKey(layout: TerminalLayout): string {
  const used = new Set(layout.tabs.map((tab) => tab.key));
  let index = layout.tabs.length + 1;
  while (used.has(`tab-${index}`)) index += 1;
  return `tab-${index}`;
}

export function tabOf(layout: TerminalLayout, id: string): TerminalTab | null {
  return layout.tabs.find((tab) => tab.panes.includes(id)) ?? null;
}

export function activeTab(layout: TerminalLayout): TerminalTab | null {
  return layout.tabs.find((tab) => tab.key === layout.activeTab) ?? null;
}

/** The terminal that has the keyboard: the focused pane of the active tab. */
export function focusedTerminal(layout: TerminalLayout): string | null {
  return activeTab(layout)?.focused ?? null;
}

export function canSplit(layout: TerminalLayout, tabKey: string): boolean {
  const tab = layout.tabs.find((candidate) => candidate.key === tabKey);
  return !!tab && tab.panes.length < MAX_PANES_PER_TAB;
}

/** A new tab holding one terminal, made active. */
export function addTab(layout: TerminalLayout, id: string): TerminalLayout {
  if (tabOf(layout, id)) return focusTerminal(layout, id);
  const tab: TerminalTab = { key: nextTabKey(layout), panes: [id], direction: 'row', focused: id };
  return { tabs: [...layout.tabs, tab], activeTab: tab.key };
}

/**
 * Puts a terminal next to the focused pane of a tab. A tab that is full gets the terminal in a
 * new tab instead: nothing opened is ever left without a place.
 */
export function splitTab(layout: TerminalLayout, tabKey: string, id: string, direction: SplitDirection): TerminalLayout {
  const tab = layout.tabs.find((candidate) => candidate.key === tabKey);
  if (!tab || tabOf(layout, id) || tab.panes.length >= MAX_PANES_PER_TAB) return addTab(layout, id);
  const at = tab.panes.indexOf(tab.focused) + 1;
  const panes = [...tab.panes.slice(0, at), id, ...tab.panes.slice(at)];
  const changed: TerminalTab = { ...tab, panes, direction, focused: id };
  return { tabs: layout.tabs.map((candidate) => (candidate.key === tabKey ? changed : candidate)), activeTab: tabKey };
}

export function focusTerminal(layout: TerminalLayout, id: string): TerminalLayout {
  const tab = tabOf(layout, id);
  if (!tab) return layout;
  return { tabs: layout.tabs.map((candidate) => (candidate === tab ? { ...tab, focused: id } : candidate)), activeTab: tab.key };
}

export function selectTab(layout: TerminalLayout, tabKey: string): TerminalLayout {
  return layout.tabs.some((tab) => tab.key === tabKey) ? { ...layout, activeTab: tabKey } : layout;
}

/** Takes a terminal out of the layout; an emptied tab goes, and a neighbour becomes active. */
export function removeTerminal(layout: TerminalLayout, id: string): TerminalLayout {
  const tab = tabOf(layout, id);
  if (!tab) return layout;
  const panes = tab.panes.filter((pane) => pane !== id);
  if (panes.length > 0) {
    const index = tab.panes.indexOf(id);
    const focused = tab.focused === id ? panes[Math.min(index, panes.length - 1)]! : tab.focused;
    return { ...layout, tabs: layout.tabs.map((candidate) => (candidate === tab ? { ...tab, panes, focused } : candidate)) };
  }
  const index = layout.tabs.indexOf(tab);
  const tabs = layout.tabs.filter((candidate) => candidate !== tab);
  const activeTabKey = layout.activeTab !== tab.key ? layout.activeTab : (tabs[Math.min(index, tabs.length - 1)]?.key ?? null);
  return { tabs, activeTab: activeTabKey };
}

/** Moves a pane out of its split into a tab of its own. */
export function moveToNewTab(layout: TerminalLayout, id: string): TerminalLayout {
  const tab = tabOf(layout, id);
  if (!tab || tab.panes.length === 1) return layout;
  return addTab(removeTerminal(layout, id), id);
}

export function setDirection(layout: TerminalLayout, tabKey: string, direction: SplitDirection): TerminalLayout {
  return { ...layout, tabs: layout.tabs.map((tab) => (tab.key === tabKey ? { ...tab, direction } : tab)) };
}

/**
 * Makes the layout match the terminals that exist: closed ones leave, ones it does not show
 * (opened in another window, or before a layout was kept) get a tab each, in the given order.
 */
export function reconcile(layout: TerminalLayout, ids: readonly string[]): TerminalLayout {
  const existing = new Set(ids);
  let next = layout;
  for (const tab of layout.tabs) for (const pane of tab.panes) if (!existing.has(pane)) next = removeTerminal(next, pane);
  for (const id of ids) {
    if (tabOf(next, id)) continue;
    const shown = next.activeTab;
    next = addTab(next, id);
    if (shown) next = { ...next, activeTab: shown };
  }
  if (!next.tabs.some((tab) => tab.key === next.activeTab)) next = { ...next, activeTab: next.tabs[0]?.key ?? null };
  return next;
}

/** A layout read back from storage, or null when it is not one (old format, hand-edited, damaged). */
export function parseLayout(text: string | null): TerminalLayout | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { tabs, activeTab: active } = value as { tabs?: unknown; activeTab?: unknown };
  if (!Array.isArray(tabs) || (active !== null && typeof active !== 'string')) return null;
  const seen = new Set<string>();
  const parsed: TerminalTab[] = [];
  for (const tab of tabs as unknown[]) {
    if (typeof tab !== 'object' || tab === null) return null;
    const { key, panes, direction, focused } = tab as Record<string, unknown>;
    if (typeof key !== 'string' || !Array.isArray(panes) || (direction !== 'row' && direction !== 'column')) return null;
    const ids: string[] = [];
    for (const pane of panes) {
      if (typeof pane !== 'string' || seen.has(pane) || ids.length === MAX_PANES_PER_TAB) continue;
      seen.add(pane);
      ids.push(pane);
    }
    if (ids.length === 0 || parsed.some((other) => other.key === key)) continue;
    parsed.push({ key, panes: ids, direction, focused: typeof focused === 'string' && ids.includes(focused) ? focused : ids[0]! });
  }
  return { tabs: parsed, activeTab: typeof active === 'string' ? active : null };
}
