/**
 * Votes through the API: a verified resident casts and takes back votes while the window is open
 * and sees their own; nobody else ever sees whose vote is whose. Results are public from the
 * closing moment and visible to the territory's coordinators before it.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { formatQuery, voteBody } from '../../shared/api/consultation';
import { idParams } from '../../shared/api/params';
import { notFound } from '../errors';
import { requireViewer, type AppEnv } from '../http/context';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { findStrategyById, strategyAccess } from '../strategies/access';
import { mayManageConsultation, readableStrategy, viewerRolesFor } from './access';
import { consultationNow } from './clock';
import { consultationNotFound, notResident, resultsNotPublic, skillNotFound } from './errors';
import { csvResponse } from './csv';
import { limitAttempt } from './rate-limits';
import { consultationResults, resultsCsv } from './results';
import { consultationSkillList } from './skills';
import { castVote, myVotes, voteBudget, withdrawVote } from './votes';
import {
  consultationState,
  findConsultation,
  requireConsultation,
  requireOpenConsultation,
} from './window';

const voteParams = z.object({ id: idParams.shape.id, skillKey: z.string().min(1).max(64) });

export const voteRoutes = new Hono<AppEnv>()
  .post('/strategies/:id/votes', async (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    limitAttempt(c, 'vote', viewer.user.id);
    const { skillKey } = await parseBody(c, voteBody);
    const { strategy, roles } = readableStrategy(c, id);
    const deps = c.get('deps');

    const consultation = requireOpenConsultation(deps, strategy);
    if (!roles.has('resident')) throw notResident();
    const skills = consultationSkillList(deps, strategy, consultation.id);
    if (!skills.some((skill) => skill.key === skillKey)) throw skillNotFound();

    const castAt = consultationNow(deps);
    // The window is checked again inside the vote's transaction: the consultation may close, or
    // its budget change, between this request's first reads and its commit.
    const budget = await castVote(
      deps.db,
      { consultationId: consultation.id, userId: viewer.user.id, skillKey, castAt },
      () => requireOpenConsultation(deps, strategy),
    );
    return c.json({ vote: { skillKey, castAt: new Date(castAt).toISOString() }, ...budget }, 201);
  })
  .delete('/strategies/:id/votes/:skillKey', async (c) => {
    const { id, skillKey } = parseParams(c, voteParams);
    const viewer = requireViewer(c);
    limitAttempt(c, 'vote', viewer.user.id);
    const { strategy } = readableStrategy(c, id);
    const deps = c.get('deps');

    const consultation = requireOpenConsultation(deps, strategy);
    const budget = await withdrawVote(
      deps.db,
      { consultationId: consultation.id, userId: viewer.user.id, skillKey },
      () => requireOpenConsultation(deps, strategy),
    );
    return c.json(budget);
  })
  .get('/strategies/:id/votes/mine', (c) => {
    const { id } = parseParams(c, idParams);
    const viewer = requireViewer(c);
    const { strategy, roles } = readableStrategy(c, id);
    const { db } = c.get('deps');
    const consultation = requireConsultation(db, strategy.id);
    return c.json({
      resident: roles.has('resident'),
      ...voteBudget(db, consultation, viewer.user.id),
      votes: myVotes(db, consultation.id, viewer.user.id),
    });
  })
  .get('/strategies/:id/results', (c) => {
    const { id } = parseParams(c, idParams);
    const { format } = parseQuery(c, formatQuery);
    const deps = c.get('deps');
    const strategy = findStrategyById(deps.db, id);
    if (!strategy) throw notFound('The strategy');
    const readable = strategyAccess(deps.db, strategy, c.get('viewer')?.user.id ?? null) !== 'none';
    const consultation = findConsultation(deps.db, strategy.id);
    if (!consultation) throw readable ? consultationNotFound() : notFound('The strategy');

    const now = consultationNow(deps);
    const final = now >= consultation.closesAt;
    if (!final && !mayManageConsultation(viewerRolesFor(c, strategy))) {
      throw readable ? resultsNotPublic() : notFound('The strategy');
    }
    const results = consultationResults(deps.db, {
      strategyId: strategy.id,
      consultationId: consultation.id,
      closesAt: consultation.closesAt,
      state: consultationState(consultation, strategy.status, now),
      final,
      skills: consultationSkillList(deps, strategy, consultation.id),
    });
    c.header('cache-control', 'no-store');
    if (format === 'csv') {
      return csvResponse(
        c,
        `results-${strategy.territoryCode}-${strategy.year}.csv`,
        resultsCsv(results),
      );
    }
    return c.json(results);
  });
