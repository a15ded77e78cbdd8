import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import { strategyApi } from '$lib/consultation/paths';
import type { Consultation, Results } from '$shared/api/consultation';
import type { Strategy } from '$shared/api/strategies';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
  await parent();
  const [strategy, consultation, results] = await Promise.all([
    settle(api.get<Strategy>(strategyApi(params.id))),
    settle(api.get<Consultation>(strategyApi(params.id, '/consultation'))),
    settle(api.get<Results>(strategyApi(params.id, '/results'))),
  ]);
  return { strategy, consultation, results };
};
