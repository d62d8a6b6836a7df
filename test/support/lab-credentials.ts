// What a console needs to reach the real lab as its engineer would: the lab's known_hosts, the
// engineer's key, and a connection to the controller.
import { SshConnection } from '../../electron/ssh/ssh-connection';
import { KnownHosts } from '../../electron/ssh/known-hosts';
import { InteractiveHostKeyPolicy } from '../../electron/ssh/interactive-host-key-policy';
import { PromptBroker } from '../../electron/core/prompt-broker';
import { StreamHub } from '../../electron/core/stream-hub';
import type { AuthOptions } from '../../electron/ssh/ssh-auth';
import type { RouteContext } from '../../electron/lab/machine-routes';
import type { LabController } from '../../electron/lab/lab-controller';
import type { LabManifest } from '../lab/lab-manifest';

export function labCredentials(lab: LabManifest) {
  const hostKeys = new InteractiveHostKeyPolicy(new KnownHosts([lab.knownHosts]), new PromptBroker(new StreamHub()));
  const auth: AuthOptions = { identityFiles: [lab.userKey], identitiesOnly: true, agentSocket: null, passphrases: null };
  return {
    hostKeys,
    auth,
    openController: () => SshConnection.open({ host: lab.controller.address, port: 22, user: lab.user }, { auth, hostKeys }),
    routeContext: (controller: LabController): RouteContext => ({ controller, user: lab.user, auth, hostKeys }),
  };
}
