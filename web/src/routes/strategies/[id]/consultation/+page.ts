import { api } from '$lib/api/client';
import { settle } from '$lib/api/load';
import { strategyApi } from '$lib/consultation/paths';
import { session } from '$lib/session/session.svelte';
import type { CommentList } from '$shared/api/comments';
import type { Consultation, MyVotes } from '$shared/api/consultation';
import type { Strategy } from '$shared/api/strategies';
import type { StrategyJson } from '$shared/strategy/document';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
  await parent();
  const [strategy, draft, consultation, comments, mine] = await Promise.all([
    settle(api.get<Strategy>(strategyApi(params.id))),
    settle(api.get<StrategyJson>(strategyApi(params.id, '/document'))),
    settle(api.get<Consultation>(strategyApi(params.id, '/consultation'))),
    settle(api.get<CommentList>(strategyApi(params.id, '/comments'))),
    session.me
      ? settle(api.get<MyVotes>(strategyApi(params.id, '/votes/mine')))
      : Promise.resolve({ value: null, failure: null }),
  ]);
  return { strategy, draft, consultation, comments, mine: mine.value };
};
