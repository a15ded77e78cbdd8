/**
 * Page loads that keep a refusal as a value: the page shows it translated in the current language
 * instead of the generic error page, and can still offer a way forward (sign in, go back).
 */
export type Loaded<T> = { value: T; failure: null } | { value: null; failure: unknown };

export async function settle<T>(promise: Promise<T>): Promise<Loaded<T>> {
  try {
    return { value: await promise, failure: null };
  } catch (failure) {
    return { value: null, failure };
  }
}
