/**
 * The OpenAPI 3.1 description of Birga's API, served at /api/openapi.json. Request bodies and the
 * main answers come from the zod schemas in shared/api, so the description cannot drift from what
 * the server checks.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import * as accounts from '../../shared/api/accounts';
import * as members from '../../shared/api/members';
import * as strategies from '../../shared/api/strategies';
import * as territories from '../../shared/api/territories';
import type { AppEnv } from './context';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; "public" needs no session. */
  access: string;
  body?: z.ZodType;
  response?: { status: number; schema?: z.ZodType; description?: string };
  errors?: number[];
}

const strategyDocument = z
  .looseObject({ id: z.string(), status: z.string(), territory: z.string(), year: z.number() })
  .describe('The live document in the shape of shared/data/strategy-navbahor-2027.json.');

const operations: Operation[] = [
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
];

const errorMeaning: Record<number, string> = {
  400: 'Invalid input; error.field names the first bad field',
  401: 'Not signed in, or wrong credentials',
  403: 'Signed in but not allowed, or a foreign Origin on an unsafe request',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with what exists',
  429: 'Too many attempts; see Retry-After',
};

const paramPatterns: Record<string, z.ZodType> = {
  code: territories.territoryCodeField,
  year: z.int().min(2000).max(2100),
  role: accounts.roleField,
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function describe(operation: Operation) {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const parameters = names.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: jsonSchema(paramPatterns[name] ?? z.string(), 'input'),
  }));
  if (operation.path === '/territories' && operation.method === 'get') {
    parameters.push({
      name: 'q',
      in: 'query',
      required: false,
      schema: { type: 'string' },
    } as never);
  }
  const responses: Record<string, unknown> = {};
  const success = operation.response ?? { status: 200 };
  responses[String(success.status)] = {
    description: success.description ?? 'Success',
    ...(success.schema
      ? { content: { 'application/json': { schema: jsonSchema(success.schema, 'output') } } }
      : {}),
  };
  for (const status of operation.errors ?? []) {
    responses[String(status)] = {
      description: errorMeaning[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    summary: operation.summary,
    description: `Who may call it: ${operation.access}.`,
    tags: [operation.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

const description = `Birga's JSON API. Sign in with POST /api/session; the birga_session cookie (HttpOnly,
SameSite=Lax) then identifies you. Unsafe requests (POST, PUT, PATCH, DELETE) must carry an Origin
header of Birga itself, or they are refused with 403 bad_origin. Every error answers
{"error": {"code", "message", "field"}}. A strategy the caller may not see answers 404, signed in or
not.

Live co-editing: a WebSocket at /collab/{documentId} (documentId from GET /api/strategies/{id})
speaks the standard Yjs sync and awareness protocol (y-protocols), so the y-websocket client connects
with serverUrl "<origin>/collab" and room = documentId. The upgrade needs an allowed Origin and the
session cookie unless the document is public; people who may read but not edit get a read-only
connection whose updates are dropped.`;

function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const path = `/api${operation.path}`;
    paths[path] = { ...paths[path], [operation.method]: describe(operation) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Birga API', version: '0.1.0', description },
    servers: [{ url: serverUrl }],
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string' },
              },
            },
          },
        },
      },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'birga_session' } },
    },
    paths,
  };
}

let cached: { origin: string; document: ReturnType<typeof openApiDocument> } | undefined;

export const openApiRoutes = new Hono<AppEnv>().get('/openapi.json', (c) => {
  const origin = c.get('deps').config.origin;
  if (cached?.origin !== origin) cached = { origin, document: openApiDocument(origin) };
  return c.json(cached.document);
});

/** The operations listed in the document, for the test that every route is described. */
export const describedOperations = operations.map(({ method, path }) => ({ method, path }));
