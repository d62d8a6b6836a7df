import { describe, expect, it } from 'vitest';
import { exportFileName } from './diagram-export';

describe('names of exported diagrams', () => {
  const when = new Date('2026-11-22T05:48:19Z');

  it('names the file after the lab and the day', () => {
    expect(exportFileName('OrangeBox 64 demo', when, 'svg')).toBe('orangebox-64-demo-network-2026-11-22.svg');
    expect(exportFileName('orangebox64', when, 'png')).toBe('orangebox64-network-2026-11-22.png');
  });

  it('keeps only safe characters, and falls back to "lab"', () => {
    expect(exportFileName('../../etc/passwd', when, 'svg')).toBe('etc-passwd-network-2026-11-22.svg');
    expect(exportFileName('   ', when, 'png')).toBe('lab-network-2026-11-22.png');
    expect(exportFileName(null, when, 'png')).toBe('lab-network-2026-11-22.png');
  });
});
