/**
 * Resident codes through the API. A coordinator creates a batch for the strategy's territory and
 * gets the codes once (JSON for the printable sheet, or ?format=csv), lists batches with how many
 * were used, and revokes a batch's unused codes. A signed-in person redeems a code at
 * POST /territories/:code/residency; their session stays valid and their open editor sockets are
 * re-resolved with the new role.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { formatQuery, residencyBody, residentCodesBody } from '../../shared/api/consultation';
import { idField, idParams, territoryParams } from '../../shared/api/params';
import { localDateTime } from '../../shared/consultation/time-zone';
import { notFound } from '../errors';
import { requireViewer, type AppEnv } from '../http/context';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { requireTerritory } from '../territories/store';
import { requireStrategyAction } from './access';
import { consultationNow } from './clock';
import { csvResponse, toCsv } from './csv';
import { checkRateLimit, recordAttempt } from './rate-limits';
import {
  batchExists,
  createResidentCodes,
  redeemResidentCode,
  residentCodeBatches,
  revokeResidentCodes,
} from './residents';
import { territoryTimeZone } from './view';

const dayMs = 24 * 60 * 60 * 1000;
const batchParams = z.object({ id: idParams.shape.id, batchId: idField });

export const residentRoutes = new Hono<AppEnv>()
  .post('/strategies/:id/resident-codes', async (c) => {
    const { id } = parseParams(c, idParams);
    const { format } = parseQuery(c, formatQuery);
    requireStrategyAction(c, id, 'manageConsultation');
    const body = await parseBody(c, residentCodesBody);
    const { strategy, viewer } = requireStrategyAction(c, id, 'manageConsultation');
    const deps = c.get('deps');
    const territory = requireTerritory(deps.db, strategy.territoryCode);

    const now = consultationNow(deps);
    const expiresAt = now + body.expiresInDays * dayMs;
    const { batchId, codes } = createResidentCodes(deps.db, {
      territoryCode: territory.code,
      strategyId: strategy.id,
      count: body.count,
      createdAt: now,
      expiresAt,
      createdBy: viewer.user.id,
    });
    deps.logger
      .child({ module: 'consultation' })
      .info({ strategyId: id, batchId, count: body.count }, 'resident codes created');

    if (format === 'csv') {
      const timeZone = territoryTimeZone(deps.db, territory.code);
      const name = territory.names['uz-Latn'] ?? territory.code;
      const validUntil = localDateTime(expiresAt, timeZone).replace('T', ' ');
      const csv = toCsv(
        ['code', 'territory_code', 'territory_name', 'valid_until', 'time_zone', 'batch_id'],
        codes.map((code) => [code, territory.code, name, validUntil, timeZone, batchId]),
      );
      c.header('cache-control', 'no-store');
      return csvResponse(c, `resident-codes-${territory.code}-${batchId}.csv`, csv);
    }
    c.header('cache-control', 'no-store');
    return c.json(
      {
        batchId,
        territory: { code: territory.code, names: territory.names },
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
        count: codes.length,
        used: 0,
        codes,
      },
      201,
    );
  })
  .get('/strategies/:id/resident-codes', (c) => {
    const { id } = parseParams(c, idParams);
    const { strategy } = requireStrategyAction(c, id, 'manageConsultation');
    const { db } = c.get('deps');
    const territory = requireTerritory(db, strategy.territoryCode);
    return c.json(
      residentCodeBatches(db, territory.code).map((batch) => ({
        batchId: batch.batchId,
        territory: { code: territory.code, names: territory.names },
        createdAt: new Date(batch.createdAt).toISOString(),
        expiresAt: new Date(batch.expiresAt).toISOString(),
        count: batch.count,
        used: batch.used,
      })),
    );
  })
  .delete('/strategies/:id/resident-codes/:batchId', (c) => {
    const { id, batchId } = parseParams(c, batchParams);
    const { strategy } = requireStrategyAction(c, id, 'manageConsultation');
    const { db } = c.get('deps');
    if (!batchExists(db, strategy.territoryCode, batchId)) throw notFound('The batch of codes');
    revokeResidentCodes(db, strategy.territoryCode, batchId);
    return c.body(null, 204);
  })
  .post('/territories/:code/residency', async (c) => {
    const { code: territoryCode } = parseParams(c, territoryParams);
    const viewer = requireViewer(c);
    checkRateLimit(c, 'residency', viewer.user.id);
    const { code } = await parseBody(c, residencyBody);
    const deps = c.get('deps');
    requireTerritory(deps.db, territoryCode);

    try {
      redeemResidentCode(deps.db, {
        territoryCode,
        code,
        userId: viewer.user.id,
        now: consultationNow(deps),
      });
    } catch (error) {
      recordAttempt(c, 'residency', viewer.user.id);
      throw error;
    }
    deps.collaboration.refreshAccess({ userId: viewer.user.id });
    deps.logger
      .child({ module: 'consultation' })
      .info({ userId: viewer.user.id, territoryCode }, 'resident verified');
    return c.json({ territoryCode, role: 'resident' as const }, 201);
  });
