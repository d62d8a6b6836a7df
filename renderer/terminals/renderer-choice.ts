// Which xterm renderer a terminal uses. WebGL is fast on a real GPU, but on a software GL
// (SwiftShader, llvmpipe) it was measured here writing ~4x slower than the DOM renderer; and a
// GPU-less machine (a VM, a headless browser, Chromium with --disable-gpu) gets exactly that.
// So WebGL only when the browser reports a hardware renderer.

export type XtermRendererKind = 'webgl' | 'dom';

/** Names that GL stacks give their software rasterizers. */
const SOFTWARE_RENDERER_PATTERN = /swiftshader|llvmpipe|softpipe|software|lavapipe|microsoft basic render|mesa offscreen/i;

export function isSoftwareRenderer(rendererName: string): boolean {
  return SOFTWARE_RENDERER_PATTERN.test(rendererName);
}

/**
 * The decision, from what a throwaway WebGL context said: null = no context at all (or one the
 * browser flagged as a major performance caveat, which is how Chromium marks SwiftShader).
 */
export function chooseRenderer(rendererName: string | null): XtermRendererKind {
  if (rendererName === null) return 'dom';
  return isSoftwareRenderer(rendererName) ? 'dom' : 'webgl';
}

/** The unmasked GL renderer name, or null when no hardware-backed WebGL context can be made. */
export function probeWebglRenderer(): string | null {
  try {
    const canvas = document.createElement('canvas');
    // failIfMajorPerformanceCaveat: a software-only context is refused outright.
    const gl = (canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true }) ??
      canvas.getContext('webgl', { failIfMajorPerformanceCaveat: true })) as WebGLRenderingContext | WebGL2RenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

let chosen: XtermRendererKind | null = null;

/** Probed once per page: a GPU does not come and go while the console runs. */
export function rendererForThisPage(): XtermRendererKind {
  chosen ??= chooseRenderer(probeWebglRenderer());
  return chosen;
}
