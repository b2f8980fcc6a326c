import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../platform/errors.js';

/**
 * The Content-Security-Policy of the web apps' HTML. No inline scripts; styles may be inline because Ant
 * Design injects its CSS-in-JS as <style> elements; the proof-of-work solver runs in a same-origin worker.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The web apps: the console under /console/ (once built), the portal everywhere else. */
const APPS = [
  { prefix: '/console/', index: 'console/index.html' },
  { prefix: '/', index: 'index.html' },
];

function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('content-security-policy', WEB_CSP)
    .header('x-frame-options', 'DENY')
    .header('cross-origin-opener-policy', 'same-origin');
}

/**
 * Serves the built web apps from `root` (dist/web): hashed assets as immutable, HTML as no-store with the
 * CSP, and the app's index.html for any other GET that is not an API or asset path (client-side routes).
 * Without a build (tests, API-only runs) nothing is registered.
 */
export async function registerWebApps(app: FastifyInstance, root: string): Promise<boolean> {
  const dir = path.resolve(root);
  if (!existsSync(path.join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    cacheControl: false,
    etag: true,
    lastModified: false,
    setHeaders(res, file) {
      if (file.endsWith('.html')) {
        res.header('cache-control', 'no-store');
        res.header('content-security-policy', WEB_CSP);
      } else if (file.includes(`${path.sep}assets${path.sep}`)) {
        res.header('cache-control', IMMUTABLE);
      } else {
        res.header('cache-control', 'public, max-age=3600');
      }
    },
  });
  const apps = APPS.filter((a) => existsSync(path.join(dir, a.index)));
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/') || url.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(url)) {
        throw new AppError('route_not_found', 404, { method: request.method, url });
      }
      const target = apps.find((a) => url.startsWith(a.prefix) || `${url}/` === a.prefix);
      if (!target) throw new AppError('route_not_found', 404, { method: request.method, url });
      return htmlHeaders(reply).type('text/html; charset=utf-8').sendFile(target.index, dir);
    },
  });
  return true;
}
