import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import type { Strategy } from '$shared/api/strategies';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({
  strategy: await settle(api.get<Strategy>(`/api/strategies/${encodeURIComponent(params.id)}`)),
});
