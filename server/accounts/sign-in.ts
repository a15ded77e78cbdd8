/**
 * Checks an email and password. Unknown addresses cost the same time as known ones (a hash is
 * verified either way), and both failures give the same answer, so the sign-in form cannot be used
 * to find out who has an account.
 */
import type { Context } from 'hono';
import { DomainError } from '../errors';
import type { AppDeps } from '../http/context';
import { clientAddress, enforceRateLimits, rateLimiter } from '../http/rate-limit';
import { hashPassword, verifyPassword } from './passwords';
import { findUserByEmail, type UserRecord } from './users';

const minuteMs = 60_000;
const failuresPerEmail = { attempts: 10, windowMs: minuteMs };
const failuresPerAddress = { attempts: 50, windowMs: minuteMs };

let dummyHash: Promise<string> | undefined;

export const invalidCredentials = () =>
  new DomainError({
    status: 401,
    code: 'invalid_credentials',
    message: 'The email or the password is wrong.',
  });

const wrongPassword = (field: string) =>
  new DomainError({
    status: 400,
    code: 'wrong_password',
    message: 'The password is wrong.',
    field,
  });

function limiters(deps: AppDeps) {
  return {
    byEmail: rateLimiter(deps, 'sign-in:email', failuresPerEmail),
    byAddress: rateLimiter(deps, 'sign-in:address', failuresPerAddress),
  };
}

/** The user whose password this is, or invalid_credentials; throttled per email and address. */
export async function authenticate(
  c: Context,
  deps: AppDeps,
  credentials: { email: string; password: string },
): Promise<UserRecord> {
  const { byEmail, byAddress } = limiters(deps);
  const address = clientAddress(c);
  enforceRateLimits(c, [
    [byEmail, credentials.email],
    [byAddress, address],
  ]);

  const user = findUserByEmail(deps.db, credentials.email);
  dummyHash ??= hashPassword('not a password of anyone');
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), credentials.password);
  if (user && valid) return user;

  byEmail.record(credentials.email);
  byAddress.record(address);
  throw invalidCredentials();
}

/**
 * Confirms the password of someone already signed in before a sensitive change. Failures count
 * against the same per-email limit as sign-in, so a stolen session cannot guess the password.
 */
export async function confirmPassword(
  c: Context,
  deps: AppDeps,
  user: UserRecord,
  password: string,
  field: string,
): Promise<void> {
  const { byEmail } = limiters(deps);
  enforceRateLimits(c, [[byEmail, user.email]]);
  if (await verifyPassword(user.passwordHash, password)) return;
  byEmail.record(user.email);
  throw wrongPassword(field);
}
