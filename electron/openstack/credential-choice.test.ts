import { describe, expect, it } from 'vitest';
import type { OpenStackCredentialCandidates } from '../contract/openstack-model';
import { chooseOpenStackCredentials } from './credential-choice';

const LOOKED = ['~/novarc', '~/admin-openrc', '~/.config/openstack/clouds.yaml'];
const found = (candidates: OpenStackCredentialCandidates['candidates'], client: string | null = '/usr/bin/openstack'): OpenStackCredentialCandidates => ({ client, candidates, lookedAt: LOOKED });
const rcFile = (path: string) => ({ path, kind: 'rc-file' as const, clouds: [] });

describe('which credentials the console uses', () => {
  it('uses the only candidate, found', () => {
    expect(chooseOpenStackCredentials(found([rcFile('~/novarc')]), null)).toEqual({ source: { path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' }, unavailable: null });
  });

  it('uses a clouds.yaml with one cloud, with that cloud', () => {
    const choice = chooseOpenStackCredentials(found([{ path: '~/.config/openstack/clouds.yaml', kind: 'clouds-yaml', clouds: ['devstack'] }]), null);
    expect(choice.source).toEqual({ path: '~/.config/openstack/clouds.yaml', kind: 'clouds-yaml', cloud: 'devstack', chosenBy: 'found' });
  });

  it('refuses to guess between several, naming each and saying where to choose', () => {
    const choice = chooseOpenStackCredentials(found([rcFile('~/novarc'), rcFile('~/admin-openrc'), { path: '/etc/openstack/clouds.yaml', kind: 'clouds-yaml', clouds: ['a', 'b'] }]), null);
    expect(choice.source).toBeNull();
    expect(choice.unavailable).toMatchObject({ reason: 'several-credentials', candidates: ['~/novarc', '~/admin-openrc', '/etc/openstack/clouds.yaml (cloud a)', '/etc/openstack/clouds.yaml (cloud b)'] });
    expect(choice.unavailable?.message).toMatch(/Name one in the lab’s settings/);
  });

  it('uses the file named in the lab’s settings, even among several', () => {
    const choice = chooseOpenStackCredentials(found([rcFile('~/novarc'), rcFile('~/admin-openrc')]), { path: '~/admin-openrc', cloud: null });
    expect(choice.source).toEqual({ path: '~/admin-openrc', kind: 'rc-file', cloud: null, chosenBy: 'lab-settings' });
  });

  it('takes a named clouds.yaml’s only cloud when the settings name none', () => {
    const choice = chooseOpenStackCredentials(found([{ path: '/etc/openstack/clouds.yaml', kind: 'clouds-yaml', clouds: ['lab'] }]), { path: '/etc/openstack/clouds.yaml', cloud: null });
    expect(choice.source).toMatchObject({ kind: 'clouds-yaml', cloud: 'lab', chosenBy: 'lab-settings' });
  });

  it('says where it looked when there is nothing', () => {
    const choice = chooseOpenStackCredentials(found([]), null);
    expect(choice.unavailable).toMatchObject({ reason: 'no-credentials', candidates: [] });
    expect(choice.unavailable?.message).toContain('looked at ~/novarc, ~/admin-openrc, ~/.config/openstack/clouds.yaml');
  });

  it('says to install the client when there is none, whatever the settings name', () => {
    const choice = chooseOpenStackCredentials(found([rcFile('~/novarc')], null), { path: '~/novarc', cloud: null });
    expect(choice.unavailable?.reason).toBe('no-client');
    expect(choice.unavailable?.message).toMatch(/python3-openstackclient.*everything else keeps working/);
  });

  it('passes on why the look itself failed', () => {
    expect(chooseOpenStackCredentials(null, null, 'the controller did not answer within 20 s').unavailable).toMatchObject({ reason: 'failed', message: expect.stringContaining('did not answer within 20 s') });
  });
});
