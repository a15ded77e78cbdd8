/**
 * Which browser origins may send unsafe requests and open collaboration sockets: the configured
 * public origin, and loopback origins on the same port (a developer opening 127.0.0.1 instead of
 * localhost should not be locked out).
 */
import type { BirgaConfig } from '../config';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isAllowedOrigin(config: BirgaConfig, origin: string | null | undefined): boolean {
  if (!origin) return false;
  if (origin === config.origin) return true;

  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!loopbackHosts.has(url.hostname)) return false;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return port === String(config.port);
}
