/**
 * Checks what a request carries against the zod schemas in shared/api. A failure becomes a 400
 * that names the first bad field, so a form can mark it; a body that is not JSON is its own error.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError, invalidInput } from '../errors';

const maxBodyBytes = 64 * 1024;

function firstProblem(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return invalidInput(field, issue?.message ?? 'The request is not valid.');
}

export function parseValue<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw firstProblem(parsed.error);
  return parsed.data;
}

/** Reads a JSON body; the size cap keeps one request from filling the server's memory. */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  if (text.length > maxBodyBytes) {
    throw new DomainError({
      status: 413,
      code: 'body_too_large',
      message: 'The request body is too large.',
    });
  }
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new DomainError({
      status: 400,
      code: 'invalid_json',
      message: 'The request body is not valid JSON.',
    });
  }
  return parseValue(schema, json);
}

export function parseParams<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  return parseValue(schema, c.req.param());
}

/**
 * A parameter given twice (?q=a&q=b) is refused rather than read as one of its values: no form of
 * ours sends that, so it is a broken link whose answer should not look like a real result.
 */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) throw invalidInput(name, `Give ${name} only once.`);
  }
  return parseValue(schema, c.req.query());
}
