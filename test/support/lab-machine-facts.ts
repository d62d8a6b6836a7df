// What a lab machine really has, asked over that machine's own SSH the way an engineer would check
// the console: the installed packages of the LXD/Nova/Neutron/OVS stack, and the text of a file.
import { SshConnection } from '../../electron/ssh/ssh-connection';
import { stackComponentOf } from '../../electron/probes/parsers/compute-stack';
import { keyFor, type LabManifest, type LabMachine } from '../lab/lab-manifest';
import { labCredentials } from './lab-credentials';

/** A command over SSH answers in well under a second on the lab. */
const COMMAND_TIMEOUT_MS = 20_000;

async function runOnMachine(lab: LabManifest, machine: LabMachine, argv: string[]): Promise<string> {
  const credentials = labCredentials(lab);
  const connection = await SshConnection.open({ host: machine.address, port: machine.port, user: lab.user }, { auth: { ...credentials.auth, identityFiles: [keyFor(lab, machine)] }, hostKeys: credentials.hostKeys });
  try {
    const result = await connection.exec(argv, { timeoutMs: COMMAND_TIMEOUT_MS });
    if (result.exitCode !== 0) throw new Error(`${argv.join(' ')} on machine ${machine.id} exited ${result.exitCode}: ${result.stderr}`);
    return result.stdout;
  } finally {
    connection.close();
  }
}

export async function installedStackPackages(lab: LabManifest, machine: LabMachine): Promise<{ name: string; version: string; arch: string }[]> {
  const listing = await runOnMachine(lab, machine, ['dpkg-query', '-W', '-f', '${db:Status-Abbrev}|${Package}|${Version}|${Architecture}\n']);
  return listing
    .split('\n')
    .map((line) => line.split('|'))
    .filter(([status, name]) => status?.trim() === 'ii' && name && stackComponentOf(name) !== null)
    .map(([, name, version, arch]) => ({ name: name!, version: version!, arch: arch! }));
}

/** A file as the machine's lab user reads it (nova.conf is readable by the lab user's group, like nova's). */
export const machineFile = (lab: LabManifest, machine: LabMachine, path: string): Promise<string> => runOnMachine(lab, machine, ['cat', path]);
