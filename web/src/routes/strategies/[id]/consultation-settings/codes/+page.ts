import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import { strategyApi } from '$lib/consultation/paths';
import type { ResidentCodeBatch } from '$shared/api/consultation';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
  depends('birga:resident-codes');
  return {
    batches: await settle(api.get<ResidentCodeBatch[]>(strategyApi(params.id, '/resident-codes'))),
  };
};
