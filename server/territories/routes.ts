/**
 * The public territory tree and a territory's page: where it sits, what lies below it, which
 * strategies the viewer may see, and what the viewer may do there.
 */
import { Hono } from 'hono';
import { territoryListQuery } from '../../shared/api/territories';
import { territoryParams } from '../../shared/api/params';
import { matchesSearch } from '../../shared/search/uzbek';
import type { AppEnv } from '../http/context';
import { parseParams, parseQuery } from '../http/validate';
import { visibleStrategies } from '../strategies/store';
import { keepLastCoordinator } from './last-coordinator';
import { memberRoutes } from './member-routes';
import { mayInTerritory, viewerRoles } from './permissions';
import { ancestorsOf, childrenOf, listTerritories, requireTerritory } from './store';

export const territoryRoutes = new Hono<AppEnv>()
  .get('/territories', (c) => {
    const { q } = parseQuery(c, territoryListQuery);
    const territories = listTerritories(c.get('deps').db);
    return c.json(
      q ? territories.filter((territory) => matchesSearch(territory.names, q)) : territories,
    );
  })
  .get('/territories/:code', (c) => {
    const { code } = parseParams(c, territoryParams);
    const { db } = c.get('deps');
    const viewer = c.get('viewer');
    const territory = requireTerritory(db, code);

    return c.json({
      territory,
      children: childrenOf(db, code),
      ancestors: ancestorsOf(db, code),
      strategies: visibleStrategies(db, code, viewer?.user.id ?? null),
      viewer: {
        roles: [...viewerRoles(db, viewer, code)],
        may: {
          createStrategy: mayInTerritory(db, viewer, code, 'createStrategy'),
          inviteMembers: mayInTerritory(db, viewer, code, 'inviteMembers'),
          grantRoles: mayInTerritory(db, viewer, code, 'grantRoles'),
          listMembers: mayInTerritory(db, viewer, code, 'listMembers'),
        },
      },
    });
  })
  .delete('/territories/:code/members/:userId/:role', keepLastCoordinator)
  .route('/', memberRoutes);
