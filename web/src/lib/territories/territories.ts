/**
 * The public list of territories, fetched once per page load and shared by the tree, the home
 * page and the administrators' forms; an administrator's change asks for a fresh copy.
 */
import { api } from '$lib/api/client';
import type { Territory } from '$shared/api/territories';

let pending: Promise<Territory[]> | undefined;

export function loadTerritories(): Promise<Territory[]> {
  pending ??= api.get<Territory[]>('/api/territories').catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

export function forgetTerritories(): void {
  pending = undefined;
}
