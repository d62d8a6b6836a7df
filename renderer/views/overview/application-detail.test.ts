// An application's detail read from the walkthrough's Juju model.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import { applicationDetail } from './application-detail';

const walkthrough = parseJujuStatus(readFileSync(new URL('../../../test/fixtures/outputs/juju-status/walkthrough-2.0.1-tabular.txt', import.meta.url), 'utf8')).value;

describe('an application’s detail', () => {
  it('gives its charm, its units and the machines they run on, each machine once', () => {
    const detail = applicationDetail(walkthrough, 'nova-compute')!;
    expect(detail.application.charm).toBe('nova-compute');
    const units = walkthrough.units.filter((unit) => unit.application === 'nova-compute');
    expect(detail.units.map((unit) => unit.name)).toEqual(units.map((unit) => unit.name));
    expect(detail.machines).toEqual([...new Set(units.map((unit) => unit.machine))]);
    expect(detail.machines.length).toBe(3);
  });

  it('gives a subordinate the machines of the principals it rides on', () => {
    const detail = applicationDetail(walkthrough, 'ntp')!;
    expect(detail.application.subordinateTo.length).toBeGreaterThan(0);
    const ntp = walkthrough.units.filter((unit) => unit.application === 'ntp');
    expect(detail.machines).toEqual([...new Set(ntp.map((unit) => unit.machine!))]);
  });

  it('names the application at the other end of each relation, whichever end it is on, and its peers', () => {
    const detail = applicationDetail(walkthrough, 'keystone')!;
    const others = detail.relations.map((relation) => relation.application);
    // glance lists keystone as its identity-service; keystone lists mysql as its shared-db.
    expect(others).toContain('glance');
    expect(others).toContain('mysql');
    const fromGlance = detail.relations.find((relation) => relation.application === 'glance')!;
    expect(fromGlance).toMatchObject({ relatedEndpoint: 'identity-service', key: 'glance:identity-service keystone' });
    const count = walkthrough.relations.filter((relation) => relation.application === 'keystone' || relation.relatedApplication === 'keystone').length;
    expect(detail.relations).toHaveLength(count);
    expect(applicationDetail(walkthrough, 'glance')!.relations.find((relation) => relation.type === 'peer')?.application).toBe('glance');
  });

  it('has nothing to say of an application the model does not have', () => {
    expect(applicationDetail(walkthrough, 'no-such-application')).toBeNull();
  });
});
