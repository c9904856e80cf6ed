/**
 * The Content-Security-Policy of the app window. Nothing may load from the network: the renderer
 * talks to main over IPC only. Receipt previews use sandboxed `srcdoc` frames, images may be data:
 * or blob: (signatures). `style-src 'unsafe-inline'` is needed by Vue's style bindings; scripts are
 * never inline and never evaluated.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' about:",
  "child-src 'self' about:",
  "form-action 'none'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ')
