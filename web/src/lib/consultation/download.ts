/**
 * Saving an API answer as a file. Used where the request itself creates the content (a batch of
 * resident codes as CSV), so a plain link, which would create another batch on every click, cannot.
 */
import { ApiError } from '$lib/api/client';

export async function postForFile(path: string, body: unknown, fallbackName: string) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const parsed = (await response.json().catch(() => undefined)) as
      { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(
      response.status,
      parsed?.error?.code ?? `http_${response.status}`,
      parsed?.error?.message ?? response.statusText,
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once click() returns; the address is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
