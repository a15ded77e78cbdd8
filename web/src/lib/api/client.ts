/**
 * The browser's way to the JSON API: same origin, so the session cookie travels by itself. A
 * refused request becomes an ApiError carrying the server's stable code, which the pages translate.
 */

/** The error body every API route answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** Code used when the server could not be reached at all. */
export const NETWORK_ERROR_CODE = 'network';
/** Code used when the request failed because the browser itself has no network. */
export const OFFLINE_ERROR_CODE = 'offline';

/** Whether a request failed before any answer: no network, or no server behind it. */
export function isConnectionFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // fetch rejects with a TypeError for any network failure; only the browser knows it is offline.
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new ApiError(
      0,
      offline ? OFFLINE_ERROR_CODE : NETWORK_ERROR_CODE,
      offline ? 'The browser is offline.' : 'The server could not be reached.',
    );
  }

  const text = await response.text();
  const parsed: unknown = text ? safeParse(text) : undefined;
  if (response.ok) return parsed as T;

  const error = (parsed as Partial<ApiErrorBody> | undefined)?.error;
  throw new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    error?.field ?? undefined,
  );
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown = {}) => request<T>('PATCH', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
