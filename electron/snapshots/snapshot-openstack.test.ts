// A snapshot read again through the keeper uses the OpenStack credentials the lab named when it
// was captured (lab.json), so the same `openstack` commands are answered from the file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from './snapshot-file';
import { readSnapshotInventory } from './snapshot-inventory';
import { DEMO_LAB_ASSET } from './demo/demo-lab-file';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const demo = async () => decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));

describe('OpenStack in a snapshot read again', () => {
  it('uses the credentials its lab named', async () => {
    const content = await demo();
    const { inventory } = await readSnapshotInventory({ ...content, lab: { ...content.lab, openstackCredentials: { path: '~/novarc', cloud: null } } });
    expect(inventory.links.openstack?.credentials).toEqual({ path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'lab-settings' });
    expect(inventory.links.openstack?.servers).toHaveLength(4);
  });

  it('says OpenStack could not be read when the named credentials were never run with', async () => {
    const content = await demo();
    const { inventory } = await readSnapshotInventory({ ...content, lab: { ...content.lab, openstackCredentials: { path: '~/other-openrc', cloud: null } } });
    expect(inventory.links.openstack?.unavailable).toMatchObject({ reason: 'failed', message: expect.stringContaining('this snapshot holds no output of') });
    expect(inventory.links.openstack?.credentials?.path).toBe('~/other-openrc');
  });
});
