import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import { strategyApi } from '$lib/consultation/paths';
import type { ModerationLog } from '$shared/api/comments';
import type { FlaggedComment } from '$shared/api/comments';
import type { PageLoad } from './$types';

type Queue = { flagged: FlaggedComment[]; hidden: FlaggedComment[] };

export const load: PageLoad = async ({ params, depends }) => {
  depends('birga:moderation');
  const [queue, log] = await Promise.all([
    settle(api.get<Queue>(strategyApi(params.id, '/moderation/queue'))),
    settle(api.get<ModerationLog>(strategyApi(params.id, '/moderation'))),
  ]);
  return { queue, log };
};
