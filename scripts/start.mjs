/**
 * `npm start`: builds the pages if they are missing or older than their sources, then runs the
 * server in this process (migrations, seeding and listening happen in server/main.ts).
 */
import { register } from 'tsx/esm/api';
import { pagesNeedBuild } from './build-state.mjs';
import { buildPages } from './build.mjs';

if (pagesNeedBuild()) buildPages();

register();
await import('../server/main.ts');
