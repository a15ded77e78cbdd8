import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import { strategyApi } from '$lib/consultation/paths';
import type { auditEntrySchema } from '$shared/api/consultation';
import type { z } from 'zod';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({
  entries: await settle(
    api.get<z.infer<typeof auditEntrySchema>[]>(strategyApi(params.id, '/audit')),
  ),
});
