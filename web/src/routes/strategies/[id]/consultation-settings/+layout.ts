import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import { strategyApi } from '$lib/consultation/paths';
import type { Consultation } from '$shared/api/consultation';
import type { Strategy } from '$shared/api/strategies';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ params, parent, depends }) => {
  depends('birga:consultation');
  await parent();
  const [strategy, consultation] = await Promise.all([
    settle(api.get<Strategy>(strategyApi(params.id))),
    settle(api.get<Consultation>(strategyApi(params.id, '/consultation'))),
  ]);
  return { strategy, consultation };
};
