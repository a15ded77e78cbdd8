/** Every route of the public consultation, mounted under /api by server/app.ts. */
import { Hono } from 'hono';
import type { AppEnv } from '../http/context';
import { commentRoutes } from './comment-routes';
import { consultationRoutes } from './consultation-routes';
import { moderationRoutes } from './moderation-routes';
import { paperVoteRoutes } from './paper-vote-routes';
import { residentRoutes } from './resident-routes';
import { voteRoutes } from './vote-routes';

export const consultationApi = new Hono<AppEnv>()
  .route('/', consultationRoutes)
  .route('/', residentRoutes)
  .route('/', voteRoutes)
  .route('/', paperVoteRoutes)
  .route('/', commentRoutes)
  .route('/', moderationRoutes);
