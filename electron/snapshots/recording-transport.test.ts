import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../contract/console-errors';
import { SECRET_MASK } from '../probes/parsers/secret-masking';
import type { CommandResult, CommandTransport } from '../transports/command-transport';
import { fixture } from '../../test/unit/parsers/fixtures';
import { commandRecorder, RecordingTransport, type RecordedCommand } from './recording-transport';

const result = (stdout: string, stderr = '', exitCode = 0): CommandResult => ({ exitCode, signal: null, stdout, stderr, truncated: false, invalidUtf8: false, durationMs: 12 });

/** A transport whose commands end when the test says so (or throw), and that remembers being closed. */
class ScriptedTransport implements CommandTransport {
  readonly kind = 'ssh' as const;
  readonly label = 'ubuntu@127.0.1.22:22 via ubuntu@127.0.1.1:22';
  isOpen = true;
  roomForTerminal = true;
  closed = false;
  readonly pending = new Map<string, { resolve: (value: CommandResult) => void; reject: (error: Error) => void }>();

  run(argv: readonly string[]): Promise<CommandResult> {
    return new Promise((resolve, reject) => this.pending.set(argv.join(' '), { resolve, reject }));
  }

  openPty(): never {
    throw new Error('the recording transport must not open a pty on the transport it wraps');
  }

  close(): void {
    this.closed = true;
  }
}

function recording() {
  const kept: RecordedCommand[] = [];
  const inner = new ScriptedTransport();
  const transport = new RecordingTransport(inner, '22', commandRecorder((recorded) => kept.push(recorded)));
  return { kept, inner, transport };
}

describe('a recording transport', () => {
  it('keeps each command with its output masked, and hands the caller the real result', async () => {
    const { kept, inner, transport } = recording();
    const novaConf = fixture('ini', 'walkthrough-nova.conf.txt');
    const running = transport.run(['cat', '/etc/nova/nova.conf']);
    inner.pending.get('cat /etc/nova/nova.conf')!.resolve(result(novaConf, 'warning: transport_url = rabbit://nova:stderr-pw@10.0.0.5:5672/', 0));
    const answered = await running;

    expect(answered.stdout).toBe(novaConf);
    expect(kept).toHaveLength(1);
    const { command, maskedValues } = kept[0]!;
    expect(command).toMatchObject({ machineId: '22', argv: ['cat', '/etc/nova/nova.conf'], exitCode: 0, signal: null, truncated: false, invalidUtf8: false, durationMs: 12 });
    expect(command.stdout).not.toContain('REDACTED');
    expect(command.stdout).toContain(`rabbit_password = ${SECRET_MASK}`);
    expect(command.stderr).toBe(`warning: transport_url = rabbit://nova:${SECRET_MASK}@10.0.0.5:5672/`);
    expect(maskedValues).toBe(4);
    expect(Date.parse(command.startedAt)).not.toBeNaN();
  });

  it('numbers commands in the order they started, whatever order they end in', async () => {
    const { kept, inner, transport } = recording();
    const first = transport.run(['hostname']);
    const second = transport.run(['dpkg', '-l']);
    inner.pending.get('dpkg -l')!.resolve(result('ii  lxd  5.0.2'));
    await second;
    inner.pending.get('hostname')!.resolve(result('node03ob64\n'));
    await first;
    expect(kept.map((recorded) => [recorded.sequence, recorded.command.argv[0]])).toEqual([
      [1, 'dpkg'],
      [0, 'hostname'],
    ]);
  });

  it('keeps nothing of a command that threw, and the caller gets the error', async () => {
    const { kept, inner, transport } = recording();
    const running = transport.run(['ip', 'netns', 'list']);
    inner.pending.get('ip netns list')!.reject(new ConsoleError('ssh-disconnected', 'the connection to 127.0.1.26 dropped'));
    await expect(running).rejects.toThrow('the connection to 127.0.1.26 dropped');
    expect(kept).toEqual([]);
  });

  it('refuses terminals, and otherwise looks like the transport it wraps', async () => {
    const { inner, transport } = recording();
    await expect(transport.openPty(null, { cols: 80, rows: 24 })).rejects.toThrow(/opens no terminal/);
    expect(transport.roomForTerminal).toBe(false);
    expect([transport.kind, transport.label, transport.isOpen]).toEqual(['ssh', inner.label, true]);
    inner.isOpen = false;
    expect(transport.isOpen).toBe(false);
    transport.close();
    expect(inner.closed).toBe(true);
  });
});
