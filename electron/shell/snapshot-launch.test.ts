// Which snapshot the desktop app was asked to show, from its command line as each OS passes it.
import { describe, expect, it } from 'vitest';
import { snapshotFileFromArguments } from './snapshot-launch';

describe('the snapshot named on the app’s command line', () => {
  it('takes --snapshot FILE and --snapshot=FILE, relative to where the app was started', () => {
    expect(snapshotFileFromArguments(['/usr/bin/electron', '.', '--snapshot', 'labs/acme.obxsnap'], '/home/engineer')).toBe('/home/engineer/labs/acme.obxsnap');
    expect(snapshotFileFromArguments(['orangebox-console', '--snapshot=/srv/acme.obxsnap'], '/home/engineer')).toBe('/srv/acme.obxsnap');
    // Named with --snapshot, any file name is taken (the reader says if it is not a snapshot).
    expect(snapshotFileFromArguments(['orangebox-console', '--snapshot', 'notes.txt'], '/tmp')).toBe('/tmp/notes.txt');
  });

  it('takes a .obxsnap file opened with the app from a file manager, whatever the case of its extension', () => {
    expect(snapshotFileFromArguments(['/opt/OrangeBox Console/orangebox-console', '/home/engineer/Downloads/ACME.OBXSNAP'], '/')).toBe('/home/engineer/Downloads/ACME.OBXSNAP');
  });

  it('takes nothing from the app’s own path, Chromium switches or other files', () => {
    expect(snapshotFileFromArguments(['/usr/bin/electron', '.'], '/work')).toBeNull();
    expect(snapshotFileFromArguments(['orangebox-console', '--enable-logging', '--user-data-dir=/tmp/x.obxsnap', 'notes.txt'], '/work')).toBeNull();
    expect(snapshotFileFromArguments(['orangebox-console', '--snapshot'], '/work')).toBeNull();
  });
});
