/**
 * The consultation of a strategy: reading it (whoever may read the strategy), opening or changing
 * its window and closing it early (its territory's coordinators), and the skills the coordinator
 * adds beside the draft's priority skills. Phase changes re-resolve open editor sockets at once.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  consultationBody,
  skillBody,
  skillChangeBody,
  skillListQuery,
} from '../../shared/api/consultation';
import { idParams } from '../../shared/api/params';
import type { AppContext, AppEnv } from '../http/context';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { recordStrategyEvent } from '../strategies/audit';
import { readableStrategy, requireStrategyAction, type ReadableStrategy } from './access';
import { consultationNow } from './clock';
import { skillHasVotes, skillInDocument, skillNotFound } from './errors';
import { closeConsultation, scheduleConsultation } from './schedule';
import {
  addSkill,
  changeSkill,
  consultationSkillList,
  forgetOutline,
  removeSkill,
  searchSkills,
} from './skills';
import { consultationJson } from './view';
import { votesForSkill } from './votes';
import { requireConsultation } from './window';

const skillParams = z.object({ id: idParams.shape.id, skillKey: z.string().min(1).max(64) });

function answer(c: AppContext, readable: ReadableStrategy) {
  const deps = c.get('deps');
  const consultation = requireConsultation(deps.db, readable.strategy.id);
  return consultationJson(deps, {
    strategy: readable.strategy,
    consultation,
    skills: consultationSkillList(deps, readable.strategy, consultation.id),
    signedIn: readable.viewer !== null,
    roles: readable.roles,
  });
}

export const consultationRoutes = new Hono<AppEnv>()
  .get('/strategies/:id/consultation', (c) => {
    const { id } = parseParams(c, idParams);
    return c.json(answer(c, readableStrategy(c, id)));
  })
  .put('/strategies/:id/consultation', async (c) => {
    const { id } = parseParams(c, idParams);
    requireStrategyAction(c, id, 'manageConsultation');
    const window = await parseBody(c, consultationBody);
    const readable = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');

    const { created, phaseChanged } = scheduleConsultation(deps, {
      strategy: readable.strategy,
      actorId: readable.viewer.user.id,
      window,
    });
    if (phaseChanged) {
      forgetOutline(deps.collaboration, readable.strategy.documentId);
      deps.collaboration.refreshAccess({ documentId: readable.strategy.documentId });
      deps.logger
        .child({ module: 'consultation' })
        .info({ strategyId: id, ...window }, 'consultation opened');
    }
    return c.json(answer(c, readableStrategy(c, id)), created ? 201 : 200);
  })
  .post('/strategies/:id/consultation/close', (c) => {
    const { id } = parseParams(c, idParams);
    const readable = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');
    closeConsultation(deps, { strategy: readable.strategy, actorId: readable.viewer.user.id });
    deps.logger.child({ module: 'consultation' }).info({ strategyId: id }, 'consultation closed');
    return c.json(answer(c, readable));
  })
  .get('/strategies/:id/consultation/skills', (c) => {
    const { id } = parseParams(c, idParams);
    const { q } = parseQuery(c, skillListQuery);
    const { strategy } = readableStrategy(c, id);
    const deps = c.get('deps');
    const consultation = requireConsultation(deps.db, strategy.id);
    return c.json(searchSkills(consultationSkillList(deps, strategy, consultation.id), q));
  })
  .post('/strategies/:id/consultation/skills', async (c) => {
    const { id } = parseParams(c, idParams);
    requireStrategyAction(c, id, 'manageConsultation');
    const body = await parseBody(c, skillBody);
    const { strategy, viewer } = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');
    const consultation = requireConsultation(deps.db, strategy.id);
    const taken = new Set(consultationSkillList(deps, strategy, consultation.id).map((s) => s.key));

    const skill = deps.db.transaction(
      (tx) => {
        const added = addSkill(tx, {
          consultationId: consultation.id,
          ...body,
          createdBy: viewer.user.id,
          taken,
        });
        recordStrategyEvent(tx, {
          strategyId: strategy.id,
          actorId: viewer.user.id,
          action: 'consultation_skill_added',
          fromStatus: strategy.status,
          toStatus: strategy.status,
          details: { skillKey: added.key },
          at: consultationNow(deps),
        });
        return added;
      },
      { behavior: 'immediate' },
    );
    return c.json(skill, 201);
  })
  .patch('/strategies/:id/consultation/skills/:skillKey', async (c) => {
    const { id, skillKey } = parseParams(c, skillParams);
    requireStrategyAction(c, id, 'manageConsultation');
    const change = await parseBody(c, skillChangeBody);
    const { strategy, viewer } = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');
    const consultation = requireConsultation(deps.db, strategy.id);
    const skill = consultationSkillList(deps, strategy, consultation.id).find(
      (candidate) => candidate.key === skillKey,
    );
    if (!skill) throw skillNotFound();
    if (skill.source === 'document') throw skillInDocument();

    const changed = { ...skill, ...change };
    const unchanged = JSON.stringify(changed) === JSON.stringify(skill);
    if (!unchanged) {
      deps.db.transaction((tx) => {
        changeSkill(tx, consultation.id, skillKey, change);
        recordStrategyEvent(tx, {
          strategyId: strategy.id,
          actorId: viewer.user.id,
          action: 'consultation_skill_changed',
          fromStatus: strategy.status,
          toStatus: strategy.status,
          details: { skillKey },
          at: consultationNow(deps),
        });
      });
    }
    return c.json(changed);
  })
  .delete('/strategies/:id/consultation/skills/:skillKey', (c) => {
    const { id, skillKey } = parseParams(c, skillParams);
    const { strategy, viewer } = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');
    const consultation = requireConsultation(deps.db, strategy.id);
    const skill = consultationSkillList(deps, strategy, consultation.id).find(
      (candidate) => candidate.key === skillKey,
    );
    if (!skill) throw skillNotFound();
    if (skill.source === 'document') throw skillInDocument();

    deps.db.transaction(
      (tx) => {
        if (votesForSkill(tx, consultation.id, skillKey) > 0) throw skillHasVotes();
        removeSkill(tx, consultation.id, skillKey);
        recordStrategyEvent(tx, {
          strategyId: strategy.id,
          actorId: viewer.user.id,
          action: 'consultation_skill_removed',
          fromStatus: strategy.status,
          toStatus: strategy.status,
          details: { skillKey },
          at: consultationNow(deps),
        });
      },
      { behavior: 'immediate' },
    );
    return c.body(null, 204);
  });
