import { describe, expect, it } from 'vitest';
import { chooseRenderer, isSoftwareRenderer } from './renderer-choice';

describe('choosing the xterm renderer', () => {
  it('uses WebGL only on a hardware GPU', () => {
    expect(chooseRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('webgl');
    expect(chooseRenderer('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe('webgl');
    expect(chooseRenderer('Apple M2')).toBe('webgl');
  });

  it('uses the DOM renderer on a software GL or without a context', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'softpipe',
      'Microsoft Basic Render Driver',
      'ANGLE (Unknown, Software Adapter)',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(true);
      expect(chooseRenderer(name)).toBe('dom');
    }
    expect(chooseRenderer(null)).toBe('dom');
  });
});
