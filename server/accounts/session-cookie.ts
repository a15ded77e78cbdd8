/**
 * The session cookie's attributes, set in one place: HttpOnly so scripts cannot read it,
 * SameSite=Lax so other sites cannot send it with a form, Secure whenever Birga is reached over
 * https.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/context';
import { SESSION_COOKIE } from './sessions';

function isSecure(c: Context<AppEnv>): boolean {
  if (c.get('deps').config.origin.startsWith('https:')) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  // A TLS-terminating proxy says so; trusting it can only add the Secure flag, never remove it.
  return c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isSecure(c),
    maxAge: Math.max(0, Math.round((expiresAt - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c),
  });
}
