/**
 * Every operation of Birga's JSON API, with who may call it and the zod schemas of what it takes
 * and answers. server/http/openapi.ts turns this list into the OpenAPI document.
 */
import { z } from 'zod';
import * as accounts from './accounts';
import { CONSULTATION_OPERATIONS } from './consultation-operations';
import * as members from './members';
import * as strategies from './strategies';
import * as territories from './territories';

export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; "public" needs no session. */
  access: string;
  body?: z.ZodType;
  /** Query parameters, by name; all optional. */
  query?: Record<string, z.ZodType>;
  /** csv: the operation also answers text/csv (with ?format=csv). */
  response?: { status: number; schema?: z.ZodType; description?: string; csv?: boolean };
  errors?: number[];
}

const strategyDocument = z
  .looseObject({ id: z.string(), status: z.string(), territory: z.string(), year: z.number() })
  .describe('The live document in the shape of shared/data/strategy-navbahor-2027.json.');

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/session',
    summary: 'Sign in; sets the birga_session cookie',
    tag: 'accounts',
    access: 'public',
    body: accounts.signInBody,
    response: { status: 200, schema: accounts.meResponse },
    errors: [400, 401, 429],
  },
  {
    method: 'delete',
    path: '/session',
    summary: 'Sign out: ends the session and closes its sockets',
    tag: 'accounts',
    access: 'public',
    response: { status: 204 },
  },
  {
    method: 'post',
    path: '/accounts',
    summary: 'Register an account and sign in',
    tag: 'accounts',
    access: 'public',
    body: accounts.registrationBody,
    response: { status: 201, schema: accounts.meResponse },
    errors: [400, 409, 429],
  },
  {
    method: 'get',
    path: '/me',
    summary: 'The signed-in user and their roles',
    tag: 'accounts',
    access: 'signed in',
    response: { status: 200, schema: accounts.meResponse },
    errors: [401],
  },
  {
    method: 'patch',
    path: '/me',
    summary: 'Change the display name',
    tag: 'accounts',
    access: 'signed in',
    body: accounts.profileBody,
    response: { status: 200, schema: accounts.meResponse },
    errors: [400, 401],
  },
  {
    method: 'put',
    path: '/me/password',
    summary: 'Change the password; signs out the other sessions',
    tag: 'accounts',
    access: 'signed in',
    body: accounts.passwordChangeBody,
    response: { status: 204 },
    errors: [400, 401, 429],
  },
  {
    method: 'delete',
    path: '/me',
    summary: 'Delete the account, its sessions and roles',
    tag: 'accounts',
    access: 'signed in',
    body: accounts.accountDeletionBody,
    response: { status: 204 },
    errors: [400, 401, 429],
  },
  {
    method: 'post',
    path: '/territories/{code}/invitations',
    summary: 'Create a one-time invitation link carrying a role (valid 14 days)',
    tag: 'members',
    access: 'coordinator or administrator',
    body: members.invitationBody,
    response: { status: 201, schema: members.createdInvitationSchema },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/territories/{code}/invitations',
    summary: 'Open invitations of a territory (without their tokens)',
    tag: 'members',
    access: 'coordinator or administrator',
    response: { status: 200, schema: z.array(members.invitationSchema) },
    errors: [401, 403, 404],
  },
  {
    method: 'delete',
    path: '/invitations/{id}',
    summary: 'Revoke an invitation',
    tag: 'members',
    access: 'coordinator or administrator',
    response: { status: 204 },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/invitations/{token}',
    summary: 'What an invitation link offers',
    tag: 'members',
    access: 'public',
    response: { status: 200, schema: members.invitationPreviewSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/invitations/{token}/accept',
    summary: 'Accept an invitation: the role is added, the link is used up',
    tag: 'members',
    access: 'signed in',
    response: { status: 200, schema: accounts.membershipSchema },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/users/{userId}/password-resets',
    summary: 'Issue a one-time password-reset link (valid 24 hours)',
    tag: 'accounts',
    access: 'administrator, or coordinator over every role of the user',
    response: { status: 201, schema: accounts.passwordResetLinkResponse },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/password-resets/{token}',
    summary: 'Whose password a reset link sets',
    tag: 'accounts',
    access: 'public',
    response: { status: 200, schema: z.object({ email: z.string(), expiresAt: z.string() }) },
    errors: [404],
  },
  {
    method: 'post',
    path: '/password-resets/{token}',
    summary: 'Set a new password with a reset link; ends all sessions of that user',
    tag: 'accounts',
    access: 'public',
    body: accounts.passwordResetBody,
    response: { status: 204 },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/territories',
    summary: 'All territories, in Uzbek alphabetical order; q filters by name in any script',
    tag: 'territories',
    access: 'public',
    response: { status: 200, schema: z.array(territories.territorySchema) },
    errors: [400],
  },
  {
    method: 'get',
    path: '/territories/{code}',
    summary:
      'A territory with its children, ancestors, visible strategies and what the viewer may do',
    tag: 'territories',
    access: 'public',
    response: { status: 200, schema: territories.territoryPageResponse },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/territories/{code}/members',
    summary: 'Members of a territory',
    tag: 'members',
    access: 'coordinator or administrator',
    response: { status: 200, schema: z.array(members.memberSchema) },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/territories/{code}/members',
    summary: 'Give a role to an existing account',
    tag: 'members',
    access: 'coordinator or administrator',
    body: members.memberBody,
    response: { status: 201, schema: members.memberSchema },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'delete',
    path: '/territories/{code}/members/{userId}/{role}',
    summary: 'Take a role away',
    tag: 'members',
    access: 'coordinator or administrator',
    response: { status: 204 },
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/territories/{code}/strategies',
    summary: "Create the year's strategy as an empty draft document",
    tag: 'strategies',
    access: 'coordinator',
    body: strategies.strategyCreationBody,
    response: { status: 201, schema: strategies.strategySchema },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/territories/{code}/strategies/{year}',
    summary: "A territory's strategy of a year",
    tag: 'strategies',
    access: 'whoever may read it (404 otherwise)',
    response: { status: 200, schema: strategies.strategySchema },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/strategies/{id}',
    summary: 'A strategy',
    tag: 'strategies',
    access: 'whoever may read it (404 otherwise)',
    response: { status: 200, schema: strategies.strategySchema },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/strategies/{id}/document',
    summary: 'The live document as JSON, rich text as Markdown per language',
    tag: 'strategies',
    access: 'whoever may read it (404 otherwise)',
    response: { status: 200, schema: strategyDocument },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/admin/users',
    summary: 'Every account with its roles',
    tag: 'administration',
    access: 'administrator',
    response: { status: 200, schema: z.array(accounts.adminUserSchema) },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/admin/territories',
    summary: 'Create a territory',
    tag: 'administration',
    access: 'administrator',
    body: territories.territoryCreationBody,
    response: { status: 201, schema: territories.territorySchema },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'patch',
    path: '/admin/territories/{code}',
    summary: 'Change a territory (names, kind, parent)',
    tag: 'administration',
    access: 'administrator',
    body: territories.territoryChangeBody,
    response: { status: 200, schema: territories.territorySchema },
    errors: [400, 401, 403, 404],
  },
  ...CONSULTATION_OPERATIONS,
];
