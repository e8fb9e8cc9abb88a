// Serves the built renderer on the API port, with the renderer's strict Content-Security-Policy.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { rendererCsp } from '../../../shared/csp.js';

export const CONTENT_SECURITY_POLICY = rendererCsp("'self'");

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
