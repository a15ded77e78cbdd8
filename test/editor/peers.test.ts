import { describe, expect, test } from 'vitest';
import { groupPeople, readPeerUser, type Peer } from '../../web/src/lib/editor/peers';

function peer(clientId: number, fields: Partial<Peer> = {}): Peer {
  return { clientId, self: false, name: `P${clientId}`, color: '#1d6fb8', field: null, ...fields };
}

describe('the people present', () => {
  test('lists a person with several tabs once, oneself first', () => {
    const people = groupPeople([
      peer(7, { self: true, name: 'Alisa', key: 'aaaaaaaaaaaa' }),
      peer(3, { name: 'Bobur', key: 'bbbbbbbbbbbb' }),
      peer(5, { name: 'Alisa', key: 'aaaaaaaaaaaa' }),
      peer(9, { name: 'Bobur', key: 'bbbbbbbbbbbb' }),
    ]);
    expect(people.map((person) => [person.name, person.self, person.clientIds])).toEqual([
      ['Alisa', true, [7, 5]],
      ['Bobur', false, [3, 9]],
    ]);
  });

  test('counts clients without a key (guests) one by one', () => {
    const people = groupPeople([peer(1, { name: 'Mehmon' }), peer(2, { name: 'Mehmon' })]);
    expect(people).toHaveLength(2);
  });

  test('takes only a well-formed key from the server’s identity', () => {
    const good = readPeerUser(
      '{"name":"A","color":"#1d6fb8","role":"editor","key":"0123456789ab"}',
    );
    expect(good?.key).toBe('0123456789ab');
    const raw = readPeerUser('{"name":"A","color":"#1d6fb8","key":"user@example.org"}');
    expect(raw?.key).toBeUndefined();
  });
});
