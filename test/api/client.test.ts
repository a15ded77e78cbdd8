import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  ApiError,
  NETWORK_ERROR_CODE,
  OFFLINE_ERROR_CODE,
  api,
  isConnectionFailure,
} from '../../web/src/lib/api/client';

function failingFetch(): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
  );
}

async function failure(): Promise<ApiError> {
  const error = await api.get('/api/strategies/x').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client without a connection', () => {
  test('says the browser is offline when it knows it is', async () => {
    failingFetch();
    vi.stubGlobal('navigator', { onLine: false });
    const error = await failure();
    expect(error.code).toBe(OFFLINE_ERROR_CODE);
    expect(isConnectionFailure(error)).toBe(true);
  });

  test('says the server cannot be reached when the browser thinks it is online', async () => {
    failingFetch();
    vi.stubGlobal('navigator', { onLine: true });
    const error = await failure();
    expect(error.code).toBe(NETWORK_ERROR_CODE);
    expect(isConnectionFailure(error)).toBe(true);
  });

  test('does not count a refusal by the server as a connection failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response('{"error":{"code":"not_found","message":"x"}}', {
            status: 404,
          }),
        ),
      ),
    );
    const error = await failure();
    expect(error.code).toBe('not_found');
    expect(isConnectionFailure(error)).toBe(false);
  });
});
