/**
 * Server configuration, read once from the environment. Every setting has a default that suits a
 * developer's machine; README lists them for a real deployment.
 */
import path from 'node:path';
import { z } from 'zod';

export type SeedMode = 'demo' | 'none';

export interface BirgaConfig {
  host: string;
  port: number;
  databasePath: string;
  /** What an empty database receives at start-up; a database that holds anything is never seeded. */
  seed: SeedMode;
  /** The public origin that browsers use; loopback origins on the same port are accepted too. */
  origin: string;
  production: boolean;
  logLevel: string;
  /** Multiplies the per-account and per-connection rate limits; benchmarks raise it, never below 1. */
  rateLimitFactor: number;
}

const environmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  BIRGA_DB: z.string().min(1).default('./data/birga.sqlite'),
  BIRGA_SEED: z.enum(['demo', 'none']).optional(),
  ORIGIN: z.url().optional(),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  BIRGA_RATE_LIMIT_FACTOR: z.coerce.number().min(1).default(1),
});

export function readConfig(environment: NodeJS.ProcessEnv = process.env): BirgaConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${problem?.path.join('.')}: ${problem?.message}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';

  return {
    host: env.HOST,
    port: env.PORT,
    databasePath: path.resolve(env.BIRGA_DB),
    seed: env.BIRGA_SEED ?? (production ? 'none' : 'demo'),
    origin: (env.ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    production,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    rateLimitFactor: env.BIRGA_RATE_LIMIT_FACTOR,
  };
}
