// The Overview's own state: a pick is always on the page to be seen.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import { emptyFilter } from './juju-model-view';
import { relationKey } from './overview-marks';
import { OverviewSelection } from './overview-selection.svelte';

const walkthrough = parseJujuStatus(readFileSync(new URL('../../../test/fixtures/outputs/juju-status/walkthrough-2.0.1-tabular.txt', import.meta.url), 'utf8')).value;

describe('the Overview’s selection', () => {
  it('clears a filter that hides what is picked, and keeps one that shows it', () => {
    const selection = new OverviewSelection();
    selection.filter = { ...emptyFilter(), text: 'nova-compute', problemsFirst: true };
    selection.pick({ kind: 'unit', name: 'nova-compute/1' }, walkthrough);
    expect(selection.filter.text).toBe('nova-compute');
    selection.pick({ kind: 'unit', name: 'keystone/0' }, walkthrough);
    expect(selection.filter).toEqual(emptyFilter());
    expect(selection.target).toEqual({ kind: 'unit', name: 'keystone/0' });
  });

  it('shows the relations as a table when a relation is picked', () => {
    const selection = new OverviewSelection();
    expect(selection.relationsShown).toBe('graph');
    selection.pick({ kind: 'application', name: 'glance' }, walkthrough);
    expect(selection.relationsShown).toBe('graph');
    selection.pick({ kind: 'relation', key: relationKey(walkthrough.relations[0]!) }, walkthrough);
    expect(selection.relationsShown).toBe('table');
  });

  it('opens an application’s detail from its row and closes it from the same row', () => {
    const selection = new OverviewSelection();
    expect(selection.toggleApplication('keystone', walkthrough)).toBe(true);
    expect(selection.target).toEqual({ kind: 'application', name: 'keystone' });
    expect(selection.toggleApplication('glance', walkthrough)).toBe(true);
    expect(selection.target).toEqual({ kind: 'application', name: 'glance' });
    expect(selection.toggleApplication('glance', walkthrough)).toBe(false);
    expect(selection.target).toBeNull();
  });
});
