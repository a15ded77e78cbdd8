/** Addresses of a strategy's consultation in the JSON API, with the id escaped once here. */
export function strategyApi(strategyId: string, rest = ''): string {
  return `/api/strategies/${encodeURIComponent(strategyId)}${rest}`;
}

export function commentApi(commentId: string, rest = ''): string {
  return `/api/comments/${encodeURIComponent(commentId)}${rest}`;
}

export function residencyPage(territoryCode: string, next?: string): string {
  const path = `/territories/${encodeURIComponent(territoryCode)}/residency`;
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
