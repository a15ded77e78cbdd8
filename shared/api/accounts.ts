/**
 * What crosses the API about accounts and sessions. The server validates request bodies with these
 * schemas and the sign-in, registration and settings forms check their fields with the same ones.
 */
import { z } from 'zod';
import { ROLES } from '../roles';

/** Stored lower-cased and trimmed, so an address typed with capitals still signs in. */
export const emailField = z.string().trim().toLowerCase().max(254).check(z.email());

/** Long enough to resist guessing; capped so that hashing a huge input cannot tie up the server. */
export const newPasswordField = z
  .string()
  .min(8, 'A password needs at least 8 characters.')
  .max(256)
  .refine((password) => password.trim() !== '', 'A password cannot be only spaces.');

/**
 * Control characters (NUL, tab, newline…), line separators and the bidi embeddings, overrides and
 * isolates: invisible in a name, they can make it read as someone else's in the presence list and
 * the members page (https://unicode.org/reports/tr36/#Bidirectional_Text_Spoofing).
 */
const disguisingCharacters = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Every other character, Uzbek apostrophes, Cyrillic and emoji included, is kept as typed. */
export const displayNameField = z
  .string()
  .refine(
    (name) => !disguisingCharacters.test(name),
    'A name cannot contain control characters or text-direction overrides.',
  )
  .trim()
  .min(1)
  .max(80);

export const signInBody = z.object({
  // Any string: a malformed address simply fails like a wrong one, with the same answer.
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const registrationBody = z.object({
  email: emailField,
  password: newPasswordField,
  displayName: displayNameField,
});

export const profileBody = z.object({ displayName: displayNameField });

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordField,
});

export const accountDeletionBody = z.object({ password: z.string().min(1).max(256) });

export const passwordResetBody = z.object({ password: newPasswordField });

export const roleField = z.enum(ROLES);

export const membershipSchema = z.object({ territoryCode: z.string(), role: roleField });

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
});

export const meResponse = z.object({ user: userSchema, memberships: z.array(membershipSchema) });

export const adminUserSchema = userSchema.extend({
  createdAt: z.string(),
  memberships: z.array(membershipSchema),
});

export const passwordResetLinkResponse = z.object({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
});

export type SignInBody = z.input<typeof signInBody>;
export type RegistrationBody = z.input<typeof registrationBody>;
export type ProfileBody = z.input<typeof profileBody>;
export type PasswordChangeBody = z.input<typeof passwordChangeBody>;
export type AccountDeletionBody = z.input<typeof accountDeletionBody>;
export type PasswordResetBody = z.input<typeof passwordResetBody>;
export type Membership = z.infer<typeof membershipSchema>;
export type User = z.infer<typeof userSchema>;
export type MeResponse = z.infer<typeof meResponse>;
export type AdminUser = z.infer<typeof adminUserSchema>;
export type PasswordResetLink = z.infer<typeof passwordResetLinkResponse>;
