/**
 * Paper votes through the API: a coordinator enters the tallies of a mahalla meeting while the
 * strategy is in the consultation phase (also after the window closed, since meetings are often
 * typed up the next day) and can remove a wrong entry. Each entry is in the audit log.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { paperVoteBody } from '../../shared/api/consultation';
import { idField, idParams } from '../../shared/api/params';
import { notFound } from '../errors';
import type { AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import { recordStrategyEvent } from '../strategies/audit';
import { requireStrategyAction } from './access';
import { consultationNow } from './clock';
import { phaseNotAllowed, skillNotFound } from './errors';
import { findPaperVotes, listPaperVotes, recordPaperVotes, removePaperVotes } from './paper-votes';
import { consultationSkillList } from './skills';
import { requireConsultation } from './window';

const paperVoteParams = z.object({ id: idParams.shape.id, paperVoteId: idField });

const notInConsultation = () =>
  phaseNotAllowed('Paper votes are recorded while the strategy is in consultation.');

export const paperVoteRoutes = new Hono<AppEnv>()
  .get('/strategies/:id/paper-votes', (c) => {
    const { id } = parseParams(c, idParams);
    const { strategy } = requireStrategyAction(c, id, 'manageConsultation');
    const { db } = c.get('deps');
    return c.json(listPaperVotes(db, requireConsultation(db, strategy.id).id));
  })
  .post('/strategies/:id/paper-votes', async (c) => {
    const { id } = parseParams(c, idParams);
    requireStrategyAction(c, id, 'manageConsultation');
    const tally = await parseBody(c, paperVoteBody);
    const { strategy, viewer } = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');
    const consultation = requireConsultation(deps.db, strategy.id);
    if (strategy.status !== 'consultation') throw notInConsultation();
    const skills = consultationSkillList(deps, strategy, consultation.id);
    if (!skills.some((skill) => skill.key === tally.skillKey)) throw skillNotFound();

    const at = consultationNow(deps);
    const recorded = deps.db.transaction((tx) => {
      const entry = recordPaperVotes(
        tx,
        { consultationId: consultation.id, ...tally },
        { by: viewer.user.id, at },
      );
      recordStrategyEvent(tx, {
        strategyId: strategy.id,
        actorId: viewer.user.id,
        action: 'paper_votes_recorded',
        fromStatus: strategy.status,
        toStatus: strategy.status,
        details: { paperVoteId: entry.id, skillKey: entry.skillKey, count: entry.count },
        at,
      });
      return entry;
    });
    return c.json(recorded, 201);
  })
  .delete('/strategies/:id/paper-votes/:paperVoteId', (c) => {
    const { id, paperVoteId } = parseParams(c, paperVoteParams);
    const { strategy, viewer } = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');
    const consultation = requireConsultation(deps.db, strategy.id);
    const entry = findPaperVotes(deps.db, consultation.id, paperVoteId);
    if (!entry) throw notFound('The paper vote entry');
    if (strategy.status !== 'consultation') throw notInConsultation();

    deps.db.transaction((tx) => {
      removePaperVotes(tx, entry.id);
      recordStrategyEvent(tx, {
        strategyId: strategy.id,
        actorId: viewer.user.id,
        action: 'paper_votes_removed',
        fromStatus: strategy.status,
        toStatus: strategy.status,
        details: { paperVoteId: entry.id, skillKey: entry.skillKey, count: entry.count },
        at: consultationNow(deps),
      });
    });
    return c.body(null, 204);
  });
