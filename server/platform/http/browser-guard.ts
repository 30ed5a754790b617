import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defineErrors } from '../contract/errors.ts';
import { AppError } from './app-error.ts';
import { sendError } from './error-handler.ts';

/**
 * What a browser is told and refused, for every route in one place: a state-changing request whose
 * Origin (or, without one, Referer) is another site is refused before any handler, so a page
 * elsewhere cannot write with the user's cookie (a `text/plain` form POST needs no preflight); a
 * request with neither header passes (scripts, the open API: they carry no ambient cookie of a
 * victim). Every answer carries a Content-Security-Policy.
 */
export const HttpError = defineErrors('http', {
  cross_site: {
    status: 403,
    'zh-CN': '拒绝来自其他站点的请求',
    'en-US': 'A request from another site is refused',
  },
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * As strict as the web apps allow: scripts only from this origin (Vite emits no inline script),
 * styles may be inline because Ant Design writes its CSS-in-JS into <style> elements; no framing.
 * Images also from `imgSources`: the host of the map's online tiles, when tiles are configured.
 */
export function contentSecurityPolicy(imgSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...imgSources].join(' '),
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The origin a request must come from: PUBLIC_URL's, or the request's own scheme and host. */
function expectedOrigin(req: FastifyRequest, publicOrigin: string | undefined): string {
  return publicOrigin ?? originOf(`${req.protocol}://${req.host}`) ?? '';
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether a state-changing request came from elsewhere (its Origin, else its Referer, differs). */
export function isCrossSite(req: FastifyRequest, publicOrigin: string | undefined): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const claimed = origin !== undefined ? origin : referer;
  if (claimed === undefined) return false;
  return originOf(claimed) !== expectedOrigin(req, publicOrigin);
}

export function installBrowserGuard(
  app: FastifyInstance,
  opts: { publicUrl: string | undefined; imgSources?: readonly string[] },
): void {
  const policy = contentSecurityPolicy(opts.imgSources);
  const publicOrigin = opts.publicUrl ? (originOf(opts.publicUrl) ?? undefined) : undefined;
  app.addHook('onRequest', async (req, reply) => {
    if (isCrossSite(req, publicOrigin)) {
      req.log.warn(
        { origin: req.headers.origin, referer: req.headers.referer },
        'cross-site request',
      );
      return sendError(reply, req, new AppError(HttpError.cross_site));
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy'))
      reply.header('Content-Security-Policy', policy);
    return payload;
  });
}
