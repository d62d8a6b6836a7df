// The real relation graph mounted in a DOM, drawing the walkthrough's `juju status` as the
// console's own parser reads it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import RelationGraph from './RelationGraph.svelte';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import type { JujuStatus } from '../../../electron/contract/lab-model';

// A path, not `new URL(…, import.meta.url)`: under the DOM environment that is a page URL.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/outputs/juju-status');
const parse = (name: string) => parseJujuStatus(readFileSync(resolve(FIXTURES, name), 'utf8')).value;
const walkthrough = parse('walkthrough-2.0.1-tabular.txt');

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

/** Mounted, then laid out: the layout's code loads after the first paint. */
async function render(status: JujuStatus, selected: string | null = null) {
  const onSelect = vi.fn<(application: string) => void>();
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(RelationGraph, { target, props: { status, selected, onSelect } });
  flushSync();
  await vi.waitFor(() => expect(target.querySelector('[data-testid="relation-graph"]')!.getAttribute('aria-busy')).toBe('false'), { timeout: 10_000 });
  flushSync();
  return { target, onSelect };
}

const nodes = (target: HTMLElement) => [...target.querySelectorAll<SVGGElement>('g.node[role="button"]')];
const edges = (target: HTMLElement) => [...target.querySelectorAll<SVGPathElement>('path[data-relation]')];
const kindOf = (relation: JujuStatus['relations'][number]) =>
  relation.type === 'peer' || relation.application === relation.relatedApplication ? 'peer' : relation.type === 'subordinate' ? 'subordinate' : 'regular';

describe('the relation graph of the walkthrough model', () => {
  it('draws one focusable node per application, named for screen readers', async () => {
    expect(walkthrough.applications.length).toBeGreaterThan(5);
    const { target } = await render(walkthrough);
    const drawn = nodes(target);
    expect(drawn.map((node) => node.dataset.application).sort()).toEqual(walkthrough.applications.map((application) => application.name).sort());
    for (const node of drawn) {
      expect(node.getAttribute('tabindex')).toBe('0');
      expect(node.getAttribute('aria-label')!.startsWith(`${node.dataset.application} `)).toBe(true);
      expect(node.querySelector('tspan.name')!.textContent).toBe(node.dataset.application);
    }
  });

  it('draws one path per relation, of the kind Juju gave it', async () => {
    const { target } = await render(walkthrough);
    const drawn = edges(target);
    expect(drawn).toHaveLength(walkthrough.relations.length);
    const key = (from: string, to: string, kind: string) => `${from}>${to}:${kind}`;
    expect(drawn.map((path) => key(path.dataset.from!, path.dataset.to!, path.dataset.relation!)).sort()).toEqual(
      walkthrough.relations.map((relation) => key(relation.application, relation.relatedApplication, kindOf(relation))).sort(),
    );
    for (const path of drawn) {
      expect(path.getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+ /);
      // Only regular relations carry the provider → consumer arrow.
      expect(path.hasAttribute('marker-end')).toBe(path.dataset.relation === 'regular');
    }
    expect(drawn.some((path) => path.dataset.relation === 'subordinate')).toBe(true);
    expect(target.querySelector('desc')!.textContent).toContain(`${walkthrough.applications.length} applications and ${walkthrough.relations.length} relations`);
  });

  it('draws a peer relation as a loop from its application back to itself', async () => {
    const { target } = await render(walkthrough);
    const peers = edges(target).filter((path) => path.dataset.relation === 'peer');
    expect(peers.length).toBe(walkthrough.relations.filter((relation) => kindOf(relation) === 'peer').length);
    expect(peers.length).toBeGreaterThan(0);
    for (const loop of peers) {
      expect(loop.dataset.to).toBe(loop.dataset.from);
      // Out of the node's right side and back into it: one cubic curve, starting and ending at the same x.
      const [, startX, endX] = /^M([\d.-]+),[\d.-]+ C.* ([\d.-]+),[\d.-]+$/.exec(loop.getAttribute('d')!)!;
      expect(endX).toBe(startX);
    }
  });

  it('picks an application on click, Enter and Space, and not on other keys', async () => {
    const { target, onSelect } = await render(walkthrough);
    const [first, second] = nodes(target);
    first!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith(first!.dataset.application);
    second!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith(second!.dataset.application);
    second!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(onSelect).toHaveBeenCalledTimes(3);
    second!.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(onSelect).toHaveBeenCalledTimes(3);
  });

  it('marks the selected application pressed and fades what it does not touch', async () => {
    const selected = 'keystone';
    const { target } = await render(walkthrough, selected);
    const node = nodes(target).find((candidate) => candidate.dataset.application === selected)!;
    expect(node.getAttribute('aria-pressed')).toBe('true');
    const touching = edges(target).filter((path) => path.dataset.from === selected || path.dataset.to === selected);
    expect(touching.length).toBeGreaterThan(0);
    for (const path of edges(target)) expect(path.classList.contains('faded')).toBe(!touching.includes(path));
  });

  it('says what it is laying out, busy, until its layout code has loaded', async () => {
    const target = document.body.appendChild(document.createElement('div'));
    component = mount(RelationGraph, { target, props: { status: walkthrough, selected: null, onSelect: () => {} } });
    flushSync();
    const figure = target.querySelector('[data-testid="relation-graph"]')!;
    expect(figure.getAttribute('aria-busy')).toBe('true');
    expect(target.querySelector('[role="status"]')!.textContent).toContain(`Laying out ${walkthrough.applications.length} applications`);
    expect(nodes(target)).toHaveLength(0);
    await vi.waitFor(() => expect(nodes(target)).toHaveLength(walkthrough.applications.length), { timeout: 10_000 });
    expect(figure.getAttribute('aria-busy')).toBe('false');
  });

  it('says there is nothing to draw for a model with no applications', async () => {
    const { target } = await render({ ...walkthrough, applications: [], units: [], relations: [] });
    expect(nodes(target)).toHaveLength(0);
    expect(target.textContent).toContain('The model has no applications');
  });
});
