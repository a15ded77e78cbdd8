import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { itemFromJson, listMap, orderedItems, readList } from '../../shared/strategy/document';
import { LIST_SPECS } from '../../shared/strategy/format';
import { newItemKey } from '../../shared/strategy/keys';
import { orderBetween } from '../../shared/strategy/order';

/** mulberry32: a tiny seeded generator, so a failing interleaving can be replayed exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Replica {
  ydoc: Y.Doc;
  /** Updates this replica produced and has not yet delivered to each other replica. */
  outbox: Map<number, Uint8Array[]>;
}

function goalTitles(ydoc: Y.Doc): string[] {
  return readList(ydoc, 'goals').map((goal) => (goal.title as Record<string, string>).en ?? '');
}

function simulate(seed: number, replicaCount: number, steps: number) {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const replicas: Replica[] = [];
  const base = new Y.Doc();
  listMap(base, 'goals').set(
    'G1',
    itemFromJson({ key: 'G1', title: { en: 'Seed goal' }, indicators: [] }, LIST_SPECS.goals, 'V'),
  );
  const baseState = Y.encodeStateAsUpdate(base);

  for (let index = 0; index < replicaCount; index += 1) {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, baseState);
    const replica: Replica = { ydoc, outbox: new Map() };
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      for (let peer = 0; peer < replicaCount; peer += 1) {
        if (peer !== index) replica.outbox.set(peer, [...(replica.outbox.get(peer) ?? []), update]);
      }
    });
    replicas.push(replica);
  }

  const added = new Set<string>(['G1']);
  const removed = new Set<string>();

  for (let step = 0; step < steps; step += 1) {
    const actor = Math.floor(random() * replicaCount);
    const { ydoc } = replicas[actor]!;
    const goals = listMap(ydoc, 'goals');
    const items = orderedItems(goals);
    const action = random();

    if (action < 0.3 || items.length === 0) {
      const position = Math.floor(random() * (items.length + 1));
      const key = newItemKey('G');
      const order = orderBetween(
        items[position - 1]?.order ?? null,
        items[position]?.order ?? null,
      );
      goals.set(key, itemFromJson({ key, title: { en: `goal ${step}` } }, LIST_SPECS.goals, order));
      added.add(key);
    } else if (action < 0.55) {
      const item = pick(items);
      const title = (item.ymap.get('title') as Y.Map<Y.Text>).get('en');
      title?.insert(Math.floor(random() * (title.length + 1)), `e${step}`);
    } else if (action < 0.75) {
      const from = Math.floor(random() * items.length);
      const to = Math.floor(random() * items.length);
      const others = items.filter((_, index) => index !== from);
      const order = orderBetween(others[to - 1]?.order ?? null, others[to]?.order ?? null);
      items[from]!.ymap.set('order', order);
    } else if (action < 0.85) {
      const item = pick(items);
      goals.delete(item.key);
      removed.add(item.key);
    } else {
      const item = pick(items);
      const indicators = item.ymap.get('indicators') as Y.Map<unknown>;
      const key = newItemKey('I');
      indicators.set(
        key,
        itemFromJson({ key, name: { en: key } }, LIST_SPECS.goals.nested.indicators, 'V'),
      );
    }

    // Deliver a random part of the pending traffic, in a random order.
    for (let delivery = 0; delivery < 3; delivery += 1) {
      const from = Math.floor(random() * replicaCount);
      const to = Math.floor(random() * replicaCount);
      const queue = replicas[from]!.outbox.get(to);
      if (from === to || !queue || queue.length === 0) continue;
      const index = Math.floor(random() * queue.length);
      const [update] = queue.splice(index, 1);
      Y.applyUpdate(replicas[to]!.ydoc, update!, 'remote');
    }
  }

  // Then everything still in flight arrives, shuffled.
  for (const [from, replica] of replicas.entries()) {
    for (const [to, queue] of replica.outbox) {
      const shuffled = [...queue].sort(() => random() - 0.5);
      for (const update of shuffled) Y.applyUpdate(replicas[to]!.ydoc, update, 'remote');
      replica.outbox.set(to, []);
      void from;
    }
  }
  return { replicas, added, removed };
}

describe('list sections merge', () => {
  for (const seed of [1, 7, 42, 2027, 31337]) {
    test(`replicas editing goals in a random interleaving (seed ${seed}) end equal, each goal once`, () => {
      const { replicas, added, removed } = simulate(seed, 4, 300);
      const reference = JSON.stringify(readList(replicas[0]!.ydoc, 'goals'));
      for (const replica of replicas) {
        expect(JSON.stringify(readList(replica.ydoc, 'goals'))).toBe(reference);
      }

      const keys = readList(replicas[0]!.ydoc, 'goals').map((goal) => goal.key);
      expect(new Set(keys).size).toBe(keys.length);
      const expected = [...added].filter((key) => !removed.has(key)).sort();
      expect([...keys].sort()).toEqual(expected);
      expect(goalTitles(replicas[0]!.ydoc)).toHaveLength(expected.length);
    });
  }
});
