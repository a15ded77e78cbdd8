/**
 * Strategies through the API: a coordinator creates the year's strategy; anyone reads the ones
 * they may see. A strategy the caller may not see answers 404 exactly like one that does not
 * exist, signed in or not, so a draft's existence is not revealed.
 */
import { Hono } from 'hono';
import { idParams, territoryParams, territoryYearParams } from '../../shared/api/params';
import { strategyCreationBody } from '../../shared/api/strategies';
import { readStrategyJson } from '../../shared/strategy/document';
import { notFound } from '../errors';
import type { AppContext, AppEnv } from '../http/context';
import { parseBody, parseParams } from '../http/validate';
import { requireTerritoryAction } from '../territories/permissions';
import {
  findStrategyById,
  findStrategyByYear,
  strategyAccess,
  type StrategyRecord,
} from './access';
import { createStrategy, strategyJson } from './store';

function visible(c: AppContext, strategy: StrategyRecord | undefined) {
  if (!strategy) throw notFound('The strategy');
  const access = strategyAccess(c.get('deps').db, strategy, c.get('viewer')?.user.id ?? null);
  if (access === 'none') throw notFound('The strategy');
  return strategyJson(strategy, access);
}

export const strategyRoutes = new Hono<AppEnv>()
  .post('/territories/:code/strategies', async (c) => {
    const { code } = parseParams(c, territoryParams);
    const { viewer } = requireTerritoryAction(c, code, 'createStrategy');
    const body = await parseBody(c, strategyCreationBody);
    const deps = c.get('deps');

    const strategy = createStrategy(deps, {
      territoryCode: code,
      ...body,
      createdBy: viewer.user.id,
    });
    deps.logger
      .child({ module: 'strategies' })
      .info({ strategyId: strategy.id, territoryCode: code, year: body.year }, 'strategy created');
    return c.json(visible(c, strategy), 201);
  })
  .get('/territories/:code/strategies/:year', (c) => {
    const { code, year } = parseParams(c, territoryYearParams);
    return c.json(visible(c, findStrategyByYear(c.get('deps').db, code, year)));
  })
  .get('/strategies/:id', (c) => {
    const { id } = parseParams(c, idParams);
    return c.json(visible(c, findStrategyById(c.get('deps').db, id)));
  })
  .get('/strategies/:id/document', (c) => {
    const { id } = parseParams(c, idParams);
    const { db, collaboration } = c.get('deps');
    const strategy = visible(c, findStrategyById(db, id));

    const ydoc = collaboration.readDocument(strategy.documentId);
    try {
      return c.json({ id: strategy.id, status: strategy.status, ...readStrategyJson(ydoc) });
    } finally {
      ydoc.destroy();
    }
  });
