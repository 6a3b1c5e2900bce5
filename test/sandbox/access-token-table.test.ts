import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessTokenTable, TokenTableFullError } from '../../src/sandbox/access-token-table.js';
import { RandomHexPool } from '../../src/sandbox/random-hex.js';
import { TokenStore } from '../../src/sandbox/token-store.js';

type Kind = 'client_credentials' | 'implicit';

const pool = new RandomHexPool();

describe('access token table', () => {
  it('finds what it stores', () => {
    const table = new AccessTokenTable<Kind>();
    const token = pool.next();
    table.set(token, 'client', 'implicit', 61);

    expect(table.get(token, 1_000)).toEqual({ clientId: 'client', kind: 'implicit', expires: 61 });
    expect(table.size).toBe(1);
  });

  it('misses unknown and malformed tokens', () => {
    const table = new AccessTokenTable<Kind>();
    table.set(pool.next(), 'client', 'implicit', 61);

    expect(table.get(pool.next(), 1_000)).toBeUndefined();
    expect(table.get('', 1_000)).toBeUndefined();
    expect(table.get('G'.repeat(40), 1_000)).toBeUndefined();
    expect(table.get('A'.repeat(40), 1_000)).toBeUndefined();
    expect(table.get('a'.repeat(41), 1_000)).toBeUndefined();
  });

  it('rejects a token of another format', () => {
    const table = new AccessTokenTable<Kind>();

    expect(() => table.set('not-a-token', 'client', 'implicit', 61)).toThrow(/40 lowercase hex/);
    expect(table.size).toBe(0);
  });

  it('lookup deletes an expired token', () => {
    const table = new AccessTokenTable<Kind>();
    const token = pool.next();
    table.set(token, 'client', 'implicit', 1);

    expect(table.get(token, 1_000)).toBeUndefined();
    expect(table.size).toBe(0);
  });

  it('pruneFront stops at a live token', () => {
    const table = new AccessTokenTable<Kind>();
    const [first, second] = [pool.next(), pool.next()];
    table.set(first, 'client', 'implicit', 10);
    table.set(second, 'client', 'implicit', 20);

    table.pruneFront(15_000);
    expect(table.size).toBe(1);
    expect(table.get(second, 15_000)?.expires).toBe(20);
  });

  it('pruneAll sweeps out of order', () => {
    // Out of expiry order, as after a clock moved backwards: the second expires first.
    const table = new AccessTokenTable<Kind>();
    const [first, second] = [pool.next(), pool.next()];
    table.set(first, 'client', 'implicit', 200);
    table.set(second, 'client', 'implicit', 150);
    table.pruneFront(160_000);
    expect(table.size).toBe(2);

    expect(table.pruneAll(160_000)).toBe(1);
    expect(table.get(first, 160_000)?.expires).toBe(200);
    expect(table.get(second, 160_000)).toBeUndefined();
  });

  it('deleteClient keeps other clients', () => {
    const table = new AccessTokenTable<Kind>();
    const [mine, theirs] = [pool.next(), pool.next()];
    table.set(mine, 'a', 'client_credentials', 61);
    table.set(theirs, 'b', 'client_credentials', 61);

    expect(table.deleteClient('a')).toBe(1);
    expect(table.get(mine, 1_000)).toBeUndefined();
    expect(table.get(theirs, 1_000)?.clientId).toBe('b');
  });

  it('grows past its first segment', () => {
    const table = new AccessTokenTable<Kind>();
    const tokens = Array.from({ length: 5_000 }, () => pool.next());
    tokens.forEach((token, index) => {
      table.set(token, `client-${index % 3}`, 'client_credentials', 100 + index);
    });

    expect(table.size).toBe(5_000);
    tokens.forEach((token, index) => {
      expect(table.get(token, 0)).toEqual({
        clientId: `client-${index % 3}`,
        kind: 'client_credentials',
        expires: 100 + index,
      });
    });
  });

  it('rejects a bad segment size', () => {
    expect(() => new AccessTokenTable<Kind>(1000)).toThrow(/power of two/);
    expect(() => new AccessTokenTable<Kind>(0)).toThrow(/power of two/);
  });

  it('finds tokens after deletions', () => {
    // 1,000 tokens in 2,048 index slots form long probe runs, and deleting every other token
    // from them must leave each remaining one reachable from its home slot.
    const table = new AccessTokenTable<Kind>(1024);
    const tokens = Array.from({ length: 1_000 }, () => pool.next());
    tokens.forEach((token, index) => {
      table.set(token, 'client', 'implicit', index % 2 === 0 ? 1 : 100);
    });

    tokens.forEach((token, index) => {
      if (index % 2 === 0) expect(table.get(token, 50_000)).toBeUndefined();
    });
    expect(table.size).toBe(500);
    tokens.forEach((token, index) => {
      if (index % 2 === 1) expect(table.get(token, 50_000)?.expires).toBe(100);
    });
  });

  it('throws when full', () => {
    // After a first segment of 4, only 4 of the 8 entries are left, so the second segment has 4.
    const table = new AccessTokenTable<Kind>(4, 8);
    for (let index = 0; index < 8; index++) table.set(pool.next(), 'client', 'implicit', 61);

    expect(() => table.set(pool.next(), 'client', 'implicit', 61)).toThrow(TokenTableFullError);
    expect(() => table.set(pool.next(), 'client', 'implicit', 61)).toThrow(/full at 8 tokens/);
    expect(table.size).toBe(8);
  });

  it('frees room as segments empty', () => {
    const table = new AccessTokenTable<Kind>(4, 8);
    for (let index = 0; index < 8; index++) table.set(pool.next(), 'client', 'implicit', 1);
    table.pruneFront(1_000);

    table.set(pool.next(), 'client', 'implicit', 61);
    expect(table.size).toBe(1);
  });

  it('sustains near capacity under expiry', () => {
    // Segments of at most 8 entries in a table of 64: one token expires per token issued.
    const table = new AccessTokenTable<Kind>(4, 64, 8);
    const lifetime = 48;

    for (let second = 0; second < 400; second++) {
      table.pruneFront(second * 1000);
      table.set(pool.next(), 'client', 'implicit', second + lifetime);
    }

    expect(table.size).toBe(lifetime);
  });

  it('clear empties it', () => {
    const table = new AccessTokenTable<Kind>();
    const token = pool.next();
    table.set(token, 'client', 'implicit', 61);
    table.clear();

    expect(table.size).toBe(0);
    expect(table.get(token, 1_000)).toBeUndefined();
  });

  it('agrees with a Map model', () => {
    // Any mix of issues, lookups, deletions, prunes and clock moves in both directions gives
    // the same results as a Map that checks expiry on every read.
    const operation = fc.oneof(
      fc.record({
        op: fc.constant('set' as const),
        client: fc.nat(3),
        life: fc.integer({ min: -2, max: 5 }),
      }),
      fc.record({ op: fc.constant('get' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: -3_000, max: 3_000 }) }),
      fc.record({ op: fc.constant('front' as const) }),
      fc.record({ op: fc.constant('all' as const) }),
      fc.record({ op: fc.constant('revoke' as const), client: fc.nat(3) }),
    );

    // Small segments make the table add and drop segments often, and a large one keeps long
    // probe runs in one index for the whole run.
    const capacity = fc.constantFrom(4, 64, 2048);

    fc.assert(
      fc.property(capacity, fc.array(operation, { maxLength: 3_000 }), (initial, operations) => {
        const table = new AccessTokenTable<Kind>(initial);
        const model = new Map<string, { clientId: string; expires: number }>();
        const issued: string[] = [];
        let now = 1_000_000;

        for (const step of operations) {
          const second = Math.floor(now / 1000);
          if (step.op === 'set') {
            const token = pool.next();
            const clientId = `client-${step.client}`;
            table.set(token, clientId, 'implicit', second + step.life);
            model.set(token, { clientId, expires: second + step.life });
            issued.push(token);
          } else if (step.op === 'get' && issued.length > 0) {
            const token = issued[step.pick % issued.length] as string;
            const expected = model.get(token);
            const live = expected !== undefined && second < expected.expires;
            if (!live) model.delete(token);
            expect(table.get(token, now)?.expires).toBe(live ? expected.expires : undefined);
          } else if (step.op === 'tick') {
            now += step.ms;
          } else if (step.op === 'front') {
            for (const [token, entry] of model) {
              if (second < entry.expires) break;
              model.delete(token);
            }
            table.pruneFront(now);
            expect(table.size).toBe(model.size);
          } else if (step.op === 'all') {
            let removed = 0;
            for (const [token, entry] of model) {
              if (second >= entry.expires) {
                model.delete(token);
                removed++;
              }
            }
            expect(table.pruneAll(now)).toBe(removed);
            expect(table.size).toBe(model.size);
          } else if (step.op === 'revoke') {
            const clientId = `client-${step.client}`;
            for (const [token, entry] of model) {
              if (entry.clientId === clientId) model.delete(token);
            }
            table.deleteClient(clientId);
          }
        }

        const second = Math.floor(now / 1000);
        for (const token of issued) {
          const entry = model.get(token);
          const live = entry !== undefined && second < entry.expires;
          expect(table.get(token, now)?.clientId).toBe(live ? entry.clientId : undefined);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('token store', () => {
  it('reports each token owner', () => {
    const store = new TokenStore();
    const tokens = [
      store.issueAccessToken('a', 'implicit', 60, 1_000),
      store.issueAccessToken('b', 'implicit', 60, 1_000),
      store.issueAccessToken('b', 'client_credentials', 60, 1_000),
      store.issueAccessToken('b', 'client_credentials', 60, 2_000),
    ].map(({ token }) => store.findAccessToken(token, 2_000));

    expect(tokens).toEqual([
      { clientId: 'a', kind: 'implicit', expires: 61 },
      { clientId: 'b', kind: 'implicit', expires: 61 },
      { clientId: 'b', kind: 'client_credentials', expires: 61 },
      { clientId: 'b', kind: 'client_credentials', expires: 62 },
    ]);
  });
});
