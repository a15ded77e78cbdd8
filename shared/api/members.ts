/**
 * What crosses the API about membership: who holds which role in a territory, and the one-time
 * invitation links that give a role.
 */
import { z } from 'zod';
import { emailField, roleField } from './accounts';
import { territorySchema } from './territories';

export const invitationBody = z.object({
  role: roleField,
  /** When given, only the account with this address may accept the invitation. */
  email: emailField.optional(),
});

export const memberBody = z.object({ email: emailField, role: roleField });

export const memberSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string() }),
  role: roleField,
  territoryCode: z.string(),
});

export const invitationSchema = z.object({
  id: z.string(),
  territoryCode: z.string(),
  role: roleField,
  email: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

/** Only the answer to the coordinator who creates it carries the token; it is never shown again. */
export const createdInvitationSchema = invitationSchema.extend({
  token: z.string(),
  url: z.string(),
});

export const invitationPreviewSchema = z.object({
  territory: territorySchema,
  role: roleField,
  expiresAt: z.string(),
  /** The invited address, masked (d***@navbahor.example), or null when anyone may accept. */
  invitedAddress: z.string().nullable(),
  /** True when the viewer is signed in with another address than the invited one. */
  forAnotherAddress: z.boolean(),
});

export type InvitationBody = z.input<typeof invitationBody>;
export type MemberBody = z.input<typeof memberBody>;
export type Member = z.infer<typeof memberSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
