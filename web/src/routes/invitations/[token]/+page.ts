import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import type { InvitationPreview } from '$shared/api/members';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => ({
  invitation: await settle(
    api.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(params.token)}`),
  ),
});
