/**
 * Phase moves of a strategy: POST /strategies/:id/transitions and its audit log at
 * GET /strategies/:id/audit. Today the endpoint returns a strategy to draft with a reason (from
 * review, consultation or approval); opening a consultation goes through PUT .../consultation, and
 * later phases add their moves to TRANSITIONS. Every move changes the phase only if it still is
 * what the caller saw, records itself in the audit log in the same transaction, and then
 * re-resolves the open editor sockets so they lock or unlock at once.
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { transitionBody } from '../../shared/api/consultation';
import { idParams } from '../../shared/api/params';
import type { StrategyPhase, TerritoryAction } from '../../shared/roles';
import { consultationNow } from '../consultation/clock';
import { readableStrategy, requireStrategyAction } from '../consultation/access';
import { consultationStillOpen, phaseNotAllowed } from '../consultation/errors';
import { forgetOutline } from '../consultation/skills';
import { consultationState, findConsultation } from '../consultation/window';
import { requireViewer, type AppDeps, type AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import type { BirgaDatabase } from '../storage/database';
import { strategies } from '../storage/schema';
import { findStrategyById, strategyAccess, type StrategyRecord } from './access';
import { recordStrategyEvent, strategyAudit, type StrategyEventAction } from './audit';
import { strategyJson } from './store';

interface Transition {
  from: readonly StrategyPhase[];
  action: TerritoryAction;
  event: StrategyEventAction;
  /** Throws when the move is not possible now, beyond the phase itself. */
  guard?: (deps: AppDeps, strategy: StrategyRecord) => void;
}

const TRANSITIONS: Partial<Record<StrategyPhase, Transition>> = {
  draft: {
    from: ['review', 'consultation', 'approval'],
    action: 'returnToDraft',
    event: 'returned_to_draft',
    guard: (deps, strategy) => {
      const consultation = findConsultation(deps.db, strategy.id);
      if (!consultation || strategy.status !== 'consultation') return;
      const state = consultationState(consultation, strategy.status, consultationNow(deps));
      if (state !== 'closed') throw consultationStillOpen();
    },
  },
};

type Writer = Pick<BirgaDatabase, 'update'>;

/** Moves the phase if it still is `from`; false when someone else moved it first. */
export function setStrategyPhase(
  db: Writer,
  move: { strategyId: string; from: string; to: StrategyPhase },
): boolean {
  const result = db
    .update(strategies)
    .set({ status: move.to })
    .where(and(eq(strategies.id, move.strategyId), eq(strategies.status, move.from)))
    .run();
  return result.changes > 0;
}

const phaseChangedMeanwhile = () =>
  phaseNotAllowed('The strategy changed phase meanwhile; reload and try again.');

export const transitionRoutes = new Hono<AppEnv>()
  .post('/strategies/:id/transitions', async (c) => {
    const { id } = parseParams(c, idParams);
    requireViewer(c);
    readableStrategy(c, id);
    const body = await parseBody(c, transitionBody);
    const transition = TRANSITIONS[body.to];
    // Read again after the body: from here on nothing awaits, so the phase cannot move under us.
    const { viewer, strategy } = requireStrategyAction(
      c,
      id,
      transition?.action ?? 'returnToDraft',
    );
    const deps = c.get('deps');
    if (!transition || !(transition.from as readonly string[]).includes(strategy.status)) {
      throw phaseNotAllowed(`A strategy in ${strategy.status} cannot move to ${body.to} here.`);
    }
    transition.guard?.(deps, strategy);

    deps.db.transaction(
      (tx) => {
        const move = { strategyId: strategy.id, from: strategy.status, to: body.to };
        if (!setStrategyPhase(tx, move)) throw phaseChangedMeanwhile();
        recordStrategyEvent(tx, {
          strategyId: strategy.id,
          actorId: viewer.user.id,
          action: transition.event,
          fromStatus: strategy.status,
          toStatus: body.to,
          reason: body.reason,
          at: consultationNow(deps),
        });
      },
      { behavior: 'immediate' },
    );
    forgetOutline(deps.collaboration, strategy.documentId);
    deps.collaboration.refreshAccess({ documentId: strategy.documentId });
    deps.logger
      .child({ module: 'strategies' })
      .info({ strategyId: strategy.id, from: strategy.status, to: body.to }, 'strategy moved');

    const moved = findStrategyById(deps.db, strategy.id)!;
    const access = strategyAccess(deps.db, moved, viewer.user.id);
    return c.json(strategyJson(moved, access === 'none' ? 'read' : access));
  })
  .get('/strategies/:id/audit', (c) => {
    const { id } = parseParams(c, idParams);
    const { strategy } = readableStrategy(c, id);
    return c.json(strategyAudit(c.get('deps').db, strategy.id));
  });
