/**
 * What every request handler can reach: the process's services (deps) and who is asking (viewer).
 * Routes get these from Hono's context instead of importing singletons, so tests build a whole app
 * around a fresh database.
 */
import type { Context } from 'hono';
import type { SignedIn } from '../accounts/sessions';
import type { CollaborationHub } from '../collaboration/hub';
import type { BirgaConfig } from '../config';
import type { Logger } from '../logger';
import type { BirgaDatabase } from '../storage/database';
import { notSignedIn } from '../errors';

export interface AppDeps {
  db: BirgaDatabase;
  config: BirgaConfig;
  logger: Logger;
  collaboration: CollaborationHub;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    viewer: SignedIn | null;
  };
}

export type AppContext = Context<AppEnv>;

export function requireViewer(c: AppContext): SignedIn {
  const viewer = c.get('viewer');
  if (!viewer) throw notSignedIn();
  return viewer;
}
