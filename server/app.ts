/**
 * The Hono application: the JSON API under /api, and every other path handed to the built
 * SvelteKit handler. The collaboration socket joins the same HTTP server in server/server.ts.
 */
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { HttpBindings } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SESSION_COOKIE, validateSessionToken } from './accounts/sessions';
import { accountRoutes } from './accounts/routes';
import { adminRoutes } from './accounts/admin-routes';
import { territoryRoutes } from './territories/routes';
import { strategyRoutes } from './strategies/routes';
import { transitionRoutes } from './strategies/transitions';
import { consultationApi } from './consultation/routes';
import { openApiRoutes } from './http/openapi';
import { DomainError } from './errors';
import type { AppDeps, AppEnv } from './http/context';
import { isAllowedOrigin } from './http/origin';

export type PageHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
) => void;

type ServerEnv = AppEnv & { Bindings: HttpBindings };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Tokens and one-time links are 32 characters of base32 (server/storage/ids.ts newToken). */
const SECRET_SEGMENT = /^[a-z2-7]{32,}$/;

/**
 * One-time links (an invitation, a password reset) carry their secret in the path, in API routes
 * and page routes alike; the log keeps the path's shape and drops the secret.
 */
export function redactSecrets(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (SECRET_SEGMENT.test(segment) ? ':secret' : segment))
    .join('/');
}

export function createApp(deps: AppDeps, pageHandler?: PageHandler): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const log = deps.logger.child({ module: 'http' });

  app.use(async (c, next) => {
    const startedAt = performance.now();
    c.set('deps', deps);
    c.set('viewer', null);
    await next();
    log.info(
      {
        method: c.req.method,
        route: c.req.routePath,
        path: redactSecrets(c.req.path),
        status: c.res.status,
        durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
      },
      'request',
    );
  });

  app.use('/api/*', async (c, next) => {
    // Same-origin check for unsafe requests: the session cookie is SameSite=Lax, and this closes
    // what Lax leaves open (same-site subdomains, old browsers).
    if (!safeMethods.has(c.req.method) && !isAllowedOrigin(deps.config, c.req.header('origin'))) {
      return c.json(
        { error: { code: 'bad_origin', message: 'This request must come from Birga itself.' } },
        403,
      );
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) c.set('viewer', validateSessionToken(deps.db, token));
    await next();
  });

  app.route('/api', accountRoutes);
  app.route('/api', adminRoutes);
  app.route('/api', territoryRoutes);
  app.route('/api', strategyRoutes);
  app.route('/api', transitionRoutes);
  app.route('/api', consultationApi);
  app.route('/api', openApiRoutes);

  app.all('/api/*', (c) =>
    c.json({ error: { code: 'not_found', message: 'No such API endpoint.' } }, 404),
  );

  app.all('*', (c) => {
    if (!pageHandler) return c.text('Not found', 404);
    const { incoming, outgoing } = c.env;
    pageHandler(incoming, outgoing, () => {
      outgoing.statusCode = 404;
      outgoing.end('Not found');
    });
    return RESPONSE_ALREADY_SENT;
  });

  app.onError((error, c) => {
    if (error instanceof DomainError) {
      return c.json(
        { error: { code: error.code, message: error.message, field: error.field } },
        error.status,
      );
    }
    if (error instanceof SyntaxError && c.req.header('content-type')?.includes('json')) {
      return c.json(
        { error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } },
        400,
      );
    }
    log.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'Something went wrong.' } }, 500);
  });

  return app;
}
