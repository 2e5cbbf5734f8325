import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { expect, it } from 'vitest';
import { eventStoreStatements } from '../../src/adapters/postgres/event-store/event-store-statements.js';
import { createPostgresEventStore } from '../../src/adapters/postgres/event-store/index.js';
import { encodeBatch } from '../../src/adapters/shared/event-store/index.js';
import { ExpectedVersion } from '../../src/application/ports/event-store.js';
import { anEvent, readAllUntil } from '../../src/testing/event-store-conformance/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';

const postgres = await postgresForTests('pg in flight');

/**
 * The sequence-gap problem, made deterministic with two connections: a transaction that took its place
 * in the order first (lower position) commits after another one (higher position) that a reader has
 * already been able to see. The reader must not be handed the later one before the earlier one.
 */
postgres.describe('PostgreSQL readAll and transactions still in flight', () => {
  it('holds back a committed event behind an earlier transaction still in flight, then hands both over in order', async () => {
    const schema = await postgres.newSchema();
    const opened = await createPostgresEventStore({ connectionString: postgres.connectionString, schema })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const store = opened.right;
    const slow = new pg.Client({ connectionString: postgres.connectionString });
    await slow.connect();
    try {
      const start = anEvent({ step: 'start' });
      await store.appendToStream('start', ExpectedVersion.noStream, [start])();
      const [seenStart] = await readAllUntil(store, 1);
      const after = seenStart?.globalPosition as bigint;

      // Connection 1 inserts an event through the store's own append statement, and does not commit yet.
      const early = anEvent({ step: 'early, committed late' });
      const encoded = encodeBatch('early', [early]);
      if (E.isLeft(encoded)) throw new Error(encoded.left.message);
      await slow.query('BEGIN');
      await slow.query(eventStoreStatements(schema).append('early', ExpectedVersion.noStream, [early], encoded.right));

      // Connection 2 (the store) appends and commits: its transaction started later, so it sorts after.
      const late = anEvent({ step: 'late, committed early' });
      const appended = await store.appendToStream('late', ExpectedVersion.noStream, [late])();
      expect(E.isRight(appended)).toBe(true);
      expect((await store.readStream('late')())).toMatchObject({ right: { streamVersion: 1 } });

      // A reader passing now must not get the committed event: handing it over would move the reader past the in-flight one.
      expect(await store.readAll({ after })()).toEqual(E.right([]));

      await slow.query('COMMIT');
      const both = await readAllUntil(store, 2, { after });
      expect(both.map((event) => event.eventId)).toEqual([early.eventId, late.eventId]);
      expect((both[0]?.globalPosition as bigint) < (both[1]?.globalPosition as bigint)).toBe(true);
      expect(E.isRight(appended) && appended.right.globalPosition).toBe(both[1]?.globalPosition);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await slow.end();
      await store.close();
    }
  });
});
