// One Content-Security-Policy for the renderer, in Electron and in the browser host: only the
// app's own scripts run, nothing is fetched from anywhere else. Styles allow inline because
// Svelte and xterm.js set element styles; no script is ever inline. 'wasm-unsafe-eval' lets the
// recording player compile its bundled WebAssembly; it does not allow JavaScript eval.
export function contentSecurityPolicy(extraConnectSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${extraConnectSources.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
