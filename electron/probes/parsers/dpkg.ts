// `dpkg -l` (whole, or filtered through grep as in the walkthrough's `dpkg -l | grep lxd`). dpkg
// before 1.16.2 (Ubuntu 12.04 and older) had no Architecture column; a grep drops the heading that
// says which, so then the fourth field is read as an architecture only when it is one.
import type { DpkgList, DpkgPackage } from '../../contract/lab-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/** Debian architectures dpkg prints (plus "all" for architecture-independent packages). */
const ARCHITECTURES = new Set(['all', 'amd64', 'arm64', 'armel', 'armhf', 'i386', 'mips64el', 'mipsel', 'ppc64el', 'ppc64', 'powerpc', 's390x', 'riscv64', 'loong64', 'x32', 'hppa', 'alpha', 'ia64', 'm68k', 'sh4', 'sparc64']);

/**
 * Desired action (u/i/h/r/p), package state (n, c, i, or U/F/H/W/t when half done), and an error flag
 * (R: reinstall required), then the name: "ii  lxd …", "rc  lxd …", "iUR lxd …".
 */
const PACKAGE_LINE = /^([uihrpUIHRP][a-zA-Z]R?)\s+(\S+)(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+(.*))?$/;

/**
 * The packages that decide whether a compute node is an LXD hypervisor, and which LXD: the daemon and
 * client, nova's LXD driver (python-/python3- by release), pylxd that it drives LXD with, and the LXC
 * libraries and lxcfs LXD containers rely on.
 */
export const LXD_STACK_PACKAGES = [
  'lxd',
  'lxd-client',
  'lxd-tools',
  'nova-compute-lxd',
  'python-nova-lxd',
  'python3-nova-lxd',
  'python-pylxd',
  'python3-pylxd',
  'lxcfs',
  'liblxc1',
  'liblxc-common',
  'lxc',
  'lxc1',
  'lxc-common',
  'lxc-utils',
];

export function parseDpkgList(text: string): ParseResult<DpkgList> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const packages: DpkgPackage[] = [];
  const first = firstContentLine(input.lines);
  if (first === null) return { value: { packages }, format: UNREADABLE, problems: [...problems, problem(null, 'the dpkg -l output is empty')] };

  // The heading "||/ Name Version Architecture Description" says whether there is an Architecture column.
  const heading = input.lines.find((line) => /^\|\|\/\s+Name/.test(line.text));
  const hasArchitecture = heading ? /\bArchitecture\b/.test(heading.text) : null;
  for (const line of input.lines) {
    const text = line.text;
    if (text.trim() === '' || /^(Desired=|\| Status=|\|\/ Err\?=|\|\|\/ Name|\+\+\+-)/.test(text)) continue;
    if (/^dpkg-query: no packages found/.test(text)) {
      problems.push(problem(line.number, text.trim()));
      continue;
    }
    const read = readPackageLine(text, hasArchitecture);
    if (read) packages.push(read);
    else problems.push(problem(line.number, `not a dpkg -l package line: ${quoteLine(text)}`));
  }
  const format = heading ? (hasArchitecture ? 'dpkg-l' : 'dpkg-l-without-architecture') : 'dpkg-l-lines';
  return { value: { packages }, format: packages.length === 0 && problems.length > 0 ? UNREADABLE : format, problems };
}

function readPackageLine(text: string, hasArchitecture: boolean | null): DpkgPackage | null {
  const match = PACKAGE_LINE.exec(text);
  if (!match) return null;
  const [, status, nameField, version, third, rest] = match as unknown as [string, string, string, string | undefined, string | undefined, string | undefined];
  const withArchitecture = hasArchitecture ?? ARCHITECTURES.has(third ?? '');
  const description = withArchitecture ? rest : [third, rest].filter((part) => part !== undefined).join(' ');
  // Multi-arch packages print "libc6:amd64"; the architecture belongs in its own field.
  const colon = nameField.indexOf(':');
  const arch = withArchitecture ? (third ?? null) : null;
  // "un  lxc  <none>  <none>": a package dpkg knows of but that is not installed has no version.
  const known = (field: string | null | undefined) => (field === undefined || field === null || field === '<none>' ? null : field);
  return {
    status,
    name: colon > 0 ? nameField.slice(0, colon) : nameField,
    version: known(version),
    arch: known(arch) ?? (colon > 0 ? nameField.slice(colon + 1) : null),
    description: description ? description.trim() : null,
  };
}
