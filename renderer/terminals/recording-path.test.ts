import { describe, expect, it } from 'vitest';
import { defaultRecordingPath, exportFileName, fileTimestamp, recordingPathProblem, slugOf } from './recording-path';

const at = new Date(2025, 2, 11, 14, 25, 1);

describe('recording and export file names', () => {
  it('slugs a terminal title into a safe file name', () => {
    expect(slugOf('lxc exec instance-0000000c on compute-1')).toBe('lxc-exec-instance-0000000c-on-compute-1');
    expect(slugOf('ip netns exec qrouter-35fea0f3 on node02ob64')).toBe('ip-netns-exec-qrouter-35fea0f3-on-node02ob64');
    expect(slugOf('  Café / “quotes” \\ $HOME  ')).toBe('cafe-quotes-home');
    expect(slugOf('///')).toBe('terminal');
    expect(slugOf('x'.repeat(200)).length).toBeLessThanOrEqual(80);
  });

  it('stamps names with the local date and time', () => {
    expect(fileTimestamp(at)).toBe('20250311-142501');
  });

  it('puts a recording in the recordings folder of the settings', () => {
    expect(defaultRecordingPath('~/orangebox-recordings', 'lxc exec instance-0000000c on compute-1', at)).toBe(
      '~/orangebox-recordings/lxc-exec-instance-0000000c-on-compute-1-20250311-142501.cast',
    );
    expect(defaultRecordingPath('/srv/casts/', 'local shell on laptop', at)).toBe('/srv/casts/local-shell-on-laptop-20250311-142501.cast');
    expect(exportFileName('local shell on laptop', at)).toBe('local-shell-on-laptop-20250311-142501.txt');
  });

  it('says what is wrong with a recording path before the core is asked', () => {
    expect(recordingPathProblem('~/a.cast')).toBeNull();
    expect(recordingPathProblem('  ')).toMatch(/give a file path/);
    expect(recordingPathProblem('~/.bashrc')).toMatch(/end in \.cast/);
    expect(recordingPathProblem('~/casts/.cast')).toMatch(/file name/);
  });
});
