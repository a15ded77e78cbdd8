/**
 * The comment threads of one consultation page, loaded once and reloaded after every change so
 * that what a reader sees, counts included, is always what the server says is visible.
 */
import { getContext, setContext } from 'svelte';
import type { Comment, CommentList } from '$shared/api/comments';
import type { Consultation } from '$shared/api/consultation';
import { api } from '$lib/api/client';
import { strategyApi } from './paths';

export class ConsultationThreads {
  comments = $state<Comment[]>([]);
  counts = $state<CommentList['counts']>({ total: 0, byTarget: {} });
  consultation = $state<Consultation>() as Consultation;

  constructor(consultation: Consultation, list: CommentList) {
    this.reset(consultation, list);
  }

  /** Starts over with another page load's answers. */
  reset(consultation: Consultation, list: CommentList): void {
    this.consultation = consultation;
    this.apply(list);
  }

  private apply(list: CommentList) {
    this.comments = list.comments;
    this.counts = list.counts;
  }

  async reload(): Promise<void> {
    this.apply(await api.get<CommentList>(strategyApi(this.consultation.strategyId, '/comments')));
  }

  topLevel(target: string): Comment[] {
    return this.comments.filter((comment) => comment.target === target && !comment.parentId);
  }

  replies(parentId: string): Comment[] {
    return this.comments.filter((comment) => comment.parentId === parentId);
  }

  count(target: string): number {
    return this.counts.byTarget[target] ?? 0;
  }
}

const key = Symbol('consultation-threads');

export function setThreads(threads: ConsultationThreads): void {
  setContext(key, threads);
}

export function getThreads(): ConsultationThreads {
  return getContext<ConsultationThreads>(key);
}
