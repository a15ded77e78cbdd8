import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import type { TerritoryPage } from '$shared/api/territories';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({
  page: await settle(api.get<TerritoryPage>(`/api/territories/${encodeURIComponent(params.code)}`)),
});
