// Serves the built renderer on the API port, with a strict Content-Security-Policy: payload text is
// data, and even if some of it reached the DOM as markup, no inline script or foreign origin would run.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // CodeMirror and the virtual list set element styles
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export async function registerStaticUi(app: FastifyInstance, rendererDir: string): Promise<void> {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });
  if (!existsSync(rendererDir)) {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send('The UI is not built: run `npm run build`. The API is available under /api/.\n'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: rendererDir, index: 'index.html', cacheControl: false });
}
