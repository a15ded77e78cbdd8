/**
 * Where to go after signing in or registering. Only a path on this site is accepted, so a crafted
 * link cannot send someone elsewhere after they typed their password.
 */
export function nextPage(url: URL, fallback = '/'): string {
  const next = url.searchParams.get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return fallback;
  }
  return next;
}

export function withNext(path: string, next: string | undefined): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
