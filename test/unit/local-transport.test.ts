// The local transport runs argv as a child process, with no shell in between, and reports like
// the SSH transport does.
import { describe, expect, it } from 'vitest';
import { LocalTransport } from '../../electron/transports/local-transport';
import { ConsoleError } from '../../electron/contract/console-errors';

const local = new LocalTransport();

describe('the local transport', () => {
  it('passes arguments to the program without a shell', async () => {
    const result = await local.run(['printf', '%s|', '$(id)', 'a b', '*']);
    expect(result).toMatchObject({ exitCode: 0, stdout: '$(id)|a b|*|', truncated: false, invalidUtf8: false });
  });

  it('reports exit codes, stderr, stdin and cut output', async () => {
    expect(await local.run(['sh', '-c', 'echo no >&2; exit 5'])).toMatchObject({ exitCode: 5, stderr: 'no\n' });
    expect((await local.run(['cat'], { stdin: 'typed' })).stdout).toBe('typed');
    const huge = await local.run(['head', '-c', '200000', '/dev/zero'], { maxOutputBytes: 1000 });
    expect(huge.truncated).toBe(true);
    expect(huge.stdout.length).toBe(1000);
    // A program that never stops printing is stopped at the limit, not read until it times out.
    const endless = await local.run(['yes', 'obx'], { maxOutputBytes: 100_000, timeoutMs: 20_000 });
    expect(endless.truncated).toBe(true);
    expect(endless.stdout.length).toBe(100_000);
  });

  it('says when a program is missing or runs too long', async () => {
    const missing = (await local.run(['no-such-program-obx']).catch((error: unknown) => error)) as ConsoleError;
    expect(missing.code).toBe('command-failed');
    expect(missing.message).toContain('not installed');
    const slow = (await local.run(['sleep', '5'], { timeoutMs: 200 }).catch((error: unknown) => error)) as ConsoleError;
    expect(slow.code).toBe('command-timeout');
  });
});
