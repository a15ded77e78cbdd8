import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: 'none' });
});

afterAll(async () => {
  await server?.close();
});

describe('the OpenAPI document', () => {
  it('describes the API in OpenAPI 3.1 with request bodies from the shared schemas', async () => {
    const response = await new TestAgent(server.url).get('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.description).toContain('/collab/{documentId}');

    const signIn = document.paths['/api/session'].post;
    expect(signIn.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['email', 'password'],
    });
    const registration =
      document.paths['/api/accounts'].post.requestBody.content['application/json'];
    expect(registration.schema.properties.password).toMatchObject({ minLength: 8 });
    const strategy = document.paths['/api/territories/{code}/strategies'].post;
    expect(strategy.requestBody.content['application/json'].schema.properties.year).toMatchObject({
      minimum: 2000,
      maximum: 2100,
    });
    expect(strategy.parameters[0]).toMatchObject({ name: 'code', in: 'path', required: true });
    expect(Object.keys(document.paths).length).toBeGreaterThanOrEqual(20);
  });
});
