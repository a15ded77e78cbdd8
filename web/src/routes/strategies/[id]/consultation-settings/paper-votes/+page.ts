import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import { strategyApi } from '$lib/consultation/paths';
import type { PaperVote } from '$shared/api/consultation';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
  depends('birga:paper-votes');
  return { entries: await settle(api.get<PaperVote[]>(strategyApi(params.id, '/paper-votes'))) };
};
