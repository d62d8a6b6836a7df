import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/cli';
import packageJson from '../../package.json' with { type: 'json' };

afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  return { out, err };
}

describe('orangebox-console', () => {
  it('prints the package version for --version', async () => {
    const { out } = capture();
    expect(await runCli(['--version'])).toBe(0);
    expect(out).toEqual([packageJson.version]);
  });

  it('prints usage naming its commands for --help', async () => {
    const { out } = capture();
    expect(await runCli(['--help'])).toBe(0);
    expect(out.join('\n')).toMatch(/Usage: orangebox-console <command>/);
    expect(out.join('\n')).toMatch(/web \[options\]/);
  });

  it('names in --help every option that web and inventory accept', async () => {
    const { out } = capture();
    await runCli(['--help']);
    const help = out.join('\n');
    // Each option is one the commands' own parsers accept (an unknown one exits 2, tested there).
    for (const option of ['--port N', '--open', '--state FILE']) expect(help).toContain(option);
    for (const option of ['--json', '-i, --identity FILE', '--known-hosts FILE', '--accept-new', '--route ID=ROUTE']) expect(help).toContain(option);
    expect(help).toMatch(/inventory exit status: 0 .* 4 the inventory is incomplete/s);
    for (const option of ['snapshot capture <controller> -o FILE', '-o, --output FILE', '--name NAME']) expect(help).toContain(option);
    expect(help).toMatch(/snapshot capture exit status: 0 .* 4 written, but incomplete/s);
  });

  it('exits 2 with the usage on an unknown command', async () => {
    const { err } = capture();
    expect(await runCli(['explode'])).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command "explode"/);
  });

  it('refuses a bad --port for web with exit 2', async () => {
    const { err } = capture();
    expect(await runCli(['web', '--port', 'eighty'])).toBe(2);
    expect(err.join('\n')).toMatch(/--port needs a number/);
  });
});
