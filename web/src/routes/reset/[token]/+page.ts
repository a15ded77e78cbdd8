import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({
  reset: await settle(
    api.get<{ email: string; expiresAt: string }>(
      `/api/password-resets/${encodeURIComponent(params.token)}`,
    ),
  ),
});
