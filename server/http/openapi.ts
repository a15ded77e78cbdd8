/**
 * The OpenAPI 3.1 description of Birga's API, served at /api/openapi.json. Request bodies and the
 * main answers come from the zod schemas in shared/api, so the description cannot drift from what
 * the server checks.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { roleField } from '../../shared/api/accounts';
import { API_OPERATIONS, type ApiOperation } from '../../shared/api/operations';
import { territoryCodeField } from '../../shared/api/territories';
import type { AppEnv } from './context';

const errorMeaning: Record<number, string> = {
  400: 'Invalid input; error.field names the first bad field',
  401: 'Not signed in, or wrong credentials',
  403: 'Signed in but not allowed, or a foreign Origin on an unsafe request',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with what exists, or the consultation is not open (error.code says which)',
  410: 'Expired',
  429: 'Too many attempts; see Retry-After',
};

const paramPatterns: Record<string, z.ZodType> = {
  code: territoryCodeField,
  year: z.int().min(2000).max(2100),
  role: roleField,
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function describe(operation: ApiOperation) {
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
  for (const [name, schema] of Object.entries(operation.query ?? {})) {
    parameters.push({ name, in: 'query', required: false, schema: jsonSchema(schema, 'input') });
  }
  const responses: Record<string, unknown> = {};
  const success = operation.response ?? { status: 200 };
  const csv = success.csv ? { 'text/csv': { schema: { type: 'string' } } } : {};
  responses[String(success.status)] = {
    description: success.description ?? 'Success',
    ...(success.schema
      ? {
          content: {
            'application/json': { schema: jsonSchema(success.schema, 'output') },
            ...csv,
          },
        }
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

const description = `Birga's JSON API. Sign in with POST /api/session; the birga_session cookie
(HttpOnly, SameSite=Lax) then identifies you. Unsafe requests (POST, PUT, PATCH, DELETE) must
carry an Origin header of Birga itself, or they are refused with 403 bad_origin. Every error answers
{"error": {"code", "message", "field"}}. A strategy the caller may not see answers 404, signed in or
not.

Live co-editing: a WebSocket at /collab/{documentId} (documentId from GET /api/strategies/{id})
speaks the standard Yjs sync and awareness protocol (y-protocols), so the y-websocket client
connects with serverUrl "<origin>/collab" and room = documentId. The upgrade needs an allowed
Origin and the session cookie unless the document is public; people who may read but not edit
get a read-only connection whose updates are dropped.`;

function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
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
