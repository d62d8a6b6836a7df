// Which credentials the console's `openstack` commands use: the file the engineer named in the
// lab's settings, else the only candidate the controller has. Otherwise OpenStack is unavailable,
// said with what to do; nothing else the console reads depends on it.
import type { OpenStackCredentialCandidates, OpenStackCredentialSource, OpenStackUnavailable } from '../contract/openstack-model';
import type { OpenStackCredentialSetting } from '../contract/payloads';
import { credentialKindOf } from '../probes/parsers/openstack-credentials';

export type CredentialChoice = { source: OpenStackCredentialSource; unavailable: null } | { source: null; unavailable: OpenStackUnavailable };

const unavailable = (reason: OpenStackUnavailable['reason'], message: string, candidates: string[] = []): CredentialChoice => ({ source: null, unavailable: { reason, message, candidates } });

/** A credential as the engineer would name it: "~/novarc", "~/.config/openstack/clouds.yaml (cloud devstack)". */
export const describeCredential = (path: string, cloud: string | null): string => (cloud ? `${path} (cloud ${cloud})` : path);

/**
 * @param candidates the `openstack-credentials` probe's model; null when that probe failed.
 * @param probeError why it failed, in words (shown as is).
 */
export function chooseOpenStackCredentials(candidates: OpenStackCredentialCandidates | null, setting: OpenStackCredentialSetting | null | undefined, probeError: string | null = null): CredentialChoice {
  if (!candidates) {
    return unavailable('failed', `the console could not look for an openstack client and credentials on the controller${probeError ? `: ${probeError}` : ''}`);
  }
  if (!candidates.client) {
    return unavailable(
      'no-client',
      'there is no `openstack` command on the controller, so the console cannot read OpenStack’s own view (hypervisors, servers, networks). Install it there (`sudo apt install python3-openstackclient`), or make the controller a host that has it; everything else keeps working.',
    );
  }
  if (setting) {
    const kind = credentialKindOf(setting.path);
    const listed = candidates.candidates.find((candidate) => candidate.path === setting.path);
    // A clouds.yaml with one cloud needs no name; with several, the engineer names one.
    const cloud = kind === 'clouds-yaml' ? (setting.cloud ?? (listed?.clouds.length === 1 ? listed.clouds[0]! : null)) : null;
    return { source: { path: setting.path, kind, cloud, chosenBy: 'lab-settings' }, unavailable: null };
  }
  const choices = candidates.candidates.flatMap((candidate): { path: string; kind: OpenStackCredentialSource['kind']; cloud: string | null }[] =>
    candidate.kind === 'clouds-yaml' && candidate.clouds.length > 0 ? candidate.clouds.map((cloud) => ({ path: candidate.path, kind: candidate.kind, cloud })) : [{ path: candidate.path, kind: candidate.kind, cloud: null }],
  );
  if (choices.length === 1) {
    const only = choices[0]!;
    return { source: { path: only.path, kind: only.kind, cloud: only.cloud, chosenBy: 'found' }, unavailable: null };
  }
  if (choices.length === 0) {
    const looked = candidates.lookedAt.length > 0 ? candidates.lookedAt.join(', ') : 'the usual places';
    return unavailable(
      'no-credentials',
      `no OpenStack credentials were found on the controller (looked at ${looked}). Name the rc file or clouds.yaml the engineers source there in the lab’s settings (Manage labs → Edit → OpenStack credentials), then refresh.`,
    );
  }
  const named = choices.map((choice) => describeCredential(choice.path, choice.cloud));
  return unavailable(
    'several-credentials',
    `the controller has several OpenStack credentials (${named.join(', ')}) and the console will not guess which one is the admin's. Name one in the lab’s settings (Manage labs → Edit → OpenStack credentials), then refresh.`,
    named,
  );
}
