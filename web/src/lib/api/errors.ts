/** Turns whatever a request threw into a message in the current language. */
import { errorMessages } from '$shared/i18n/messages/errors';
import { t } from '$lib/i18n.svelte';
import { ApiError, NETWORK_ERROR_CODE } from './client';

type ErrorKey = keyof (typeof errorMessages)['en'];

function isErrorKey(code: string): code is ErrorKey {
  return code !== 'unknown' && code !== 'fieldInvalid' && code in errorMessages.en;
}

export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t(errorMessages, 'unknown', { code: 'client' });
  if (isErrorKey(error.code)) return t(errorMessages, error.code);
  if (error.code === NETWORK_ERROR_CODE) return t(errorMessages, 'network');
  if (error.status === 401) return t(errorMessages, 'not_signed_in');
  if (error.status === 403) return t(errorMessages, 'forbidden');
  if (error.status === 404) return t(errorMessages, 'not_found');
  if (error.status === 400) return t(errorMessages, 'invalid_input');
  if (error.status >= 500) return t(errorMessages, 'internal');
  return t(errorMessages, 'unknown', { code: error.code });
}

/** The field a 400 answer names, so the form can mark it. */
export function errorField(error: unknown): string | undefined {
  return error instanceof ApiError ? error.field : undefined;
}
