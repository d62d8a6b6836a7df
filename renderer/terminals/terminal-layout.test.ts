import { describe, expect, it } from 'vitest';
import {
  activeTab,
  addTab,
  emptyLayout,
  focusedTerminal,
  focusTerminal,
  MAX_PANES_PER_TAB,
  moveToNewTab,
  parseLayout,
  reconcile,
  removeTerminal,
  selectTab,
  splitTab,
  type TerminalLayout,
} from './terminal-layout';

const withTabs = (...ids: string[]): TerminalLayout => ids.reduce(addTab, emptyLayout);

describe('terminal layout', () => {
  it('gives each new terminal a tab of its own and shows it', () => {
    const layout = withTabs('a', 'b');
    expect(layout.tabs.map((tab) => tab.panes)).toEqual([['a'], ['b']]);
    expect(focusedTerminal(layout)).toBe('b');
  });

  it('does not add a terminal twice; adding it again only shows it', () => {
    const layout = addTab(withTabs('a', 'b'), 'a');
    expect(layout.tabs).toHaveLength(2);
    expect(focusedTerminal(layout)).toBe('a');
  });

  it('splits next to the focused pane, in the chosen direction, and focuses the new pane', () => {
    let layout = withTabs('a');
    const key = layout.tabs[0]!.key;
    layout = splitTab(layout, key, 'b', 'column');
    layout = splitTab(focusTerminal(layout, 'a'), key, 'c', 'column');
    expect(layout.tabs[0]).toMatchObject({ panes: ['a', 'c', 'b'], direction: 'column', focused: 'c' });
  });

  it('opens a new tab instead of overfilling a split', () => {
    let layout = withTabs('p0');
    const key = layout.tabs[0]!.key;
    for (let index = 1; index <= MAX_PANES_PER_TAB; index += 1) layout = splitTab(layout, key, `p${index}`, 'row');
    expect(layout.tabs[0]!.panes).toHaveLength(MAX_PANES_PER_TAB);
    expect(layout.tabs[1]!.panes).toEqual([`p${MAX_PANES_PER_TAB}`]);
    expect(activeTab(layout)?.key).toBe(layout.tabs[1]!.key);
  });

  it('closing the focused pane of a split focuses its neighbour; closing a tab shows the next one', () => {
    let layout = splitTab(withTabs('a'), 'tab-1', 'b', 'row');
    layout = removeTerminal(layout, 'b');
    expect(layout.tabs[0]).toMatchObject({ panes: ['a'], focused: 'a' });
    layout = addTab(addTab(layout, 'c'), 'd');
    layout = selectTab(layout, layout.tabs[1]!.key);
    layout = removeTerminal(layout, 'c');
    expect(layout.tabs.map((tab) => tab.panes[0])).toEqual(['a', 'd']);
    expect(focusedTerminal(layout)).toBe('d');
    expect(removeTerminal(removeTerminal(layout, 'a'), 'd')).toEqual({ tabs: [], activeTab: null });
  });

  it('moves a pane of a split into a tab of its own', () => {
    const layout = moveToNewTab(splitTab(withTabs('a'), 'tab-1', 'b', 'row'), 'b');
    expect(layout.tabs.map((tab) => tab.panes)).toEqual([['a'], ['b']]);
    expect(layout.tabs[0]!.key).not.toBe(layout.tabs[1]!.key);
  });

  it('reconciles with the core: closed terminals leave, unknown ones get tabs, the shown tab stays', () => {
    const kept = splitTab(withTabs('a', 'b'), 'tab-2', 'c', 'row');
    const layout = reconcile(selectTab(kept, 'tab-1'), ['b', 'c', 'd']);
    expect(layout.tabs.map((tab) => tab.panes)).toEqual([['b', 'c'], ['d']]);
    expect(layout.activeTab).toBe('tab-2');
    expect(reconcile(emptyLayout, ['x']).activeTab).toBe(reconcile(emptyLayout, ['x']).tabs[0]!.key);
  });

  it('reads back what it stored, and refuses what is not a layout', () => {
    const layout = splitTab(withTabs('a', 'b'), 'tab-2', 'c', 'column');
    expect(parseLayout(JSON.stringify(layout))).toEqual(layout);
    expect(parseLayout(null)).toBeNull();
    expect(parseLayout('{not json')).toBeNull();
    expect(parseLayout('{"tabs":"no"}')).toBeNull();
    expect(parseLayout('{"tabs":[{"key":"t","panes":["a"],"direction":"diagonal","focused":"a"}],"activeTab":"t"}')).toBeNull();
    // A terminal listed twice is shown once; a focus that is not a pane falls back to the first.
    expect(parseLayout('{"tabs":[{"key":"t","panes":["a","a",7,"b"],"direction":"row","focused":"z"}],"activeTab":"t"}')).toEqual({
      tabs: [{ key: 't', panes: ['a', 'b'], direction: 'row', focused: 'a' }],
      activeTab: 't',
    });
  });
});
