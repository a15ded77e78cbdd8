import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import type { Invitation, Member } from '$shared/api/members';
import type { TerritoryPage } from '$shared/api/territories';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) => {
  const base = `/api/territories/${encodeURIComponent(params.code)}`;
  const [page, members, invitations] = await Promise.all([
    settle(api.get<TerritoryPage>(base)),
    settle(api.get<Member[]>(`${base}/members`)),
    settle(api.get<Invitation[]>(`${base}/invitations`)),
  ]);
  return { page, members, invitations };
};
