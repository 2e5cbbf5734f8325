import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createPostgresKycReadModel } from '../../src/adapters/postgres/read-model/index.js';
import type { EventStore } from '../../src/application/ports/event-store.js';
import { rebuildKycReadModel } from '../../src/application/read-models/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { kycHistory } from './kyc-history.js';
import { catchUpAll, must } from './read-model-subject.js';

const postgres = await postgresForTests('pg aside rebuild');

/** Every index and user trigger of the schemas whose name starts with `prefix`; a trigger's `enabled` is 'D' when disabled. */
const catalogOf = async (prefix: string) => ({
  indexes: (
    await postgres.query<{ schema: string; name: string; is_unique: boolean }>(
      `SELECT n.nspname AS schema, c.relname AS name, i.indisunique AS is_unique
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE starts_with(n.nspname, $1) ORDER BY 1, 2`,
      [prefix],
    )
  ).rows,
  triggers: (
    await postgres.query<{ schema: string; name: string; enabled: string }>(
      `SELECT n.nspname AS schema, t.tgname AS name, t.tgenabled AS enabled
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE starts_with(n.nspname, $1) AND NOT t.tgisinternal ORDER BY 1, 2`,
      [prefix],
    )
  ).rows,
});

/** The store, with `during` awaited before its first readAll answers: the rebuild is then writing aside. */
const onFirstRead = (store: EventStore, during: () => Promise<void>): EventStore => {
  let done = false;
  return {
    ...store,
    readAll: (options) => async () => {
      if (!done) {
        done = true;
        await during();
      }
      return store.readAll(options)();
    },
  };
};

postgres.describe('PostgreSQL rebuild aside (kyc projections rebuild)', () => {
  describe('the copy it writes into', () => {
    it('keeps only the unique keys while it is written, leaves the served schema whole, and serves the right counts after the switch', async () => {
      const schema = await postgres.newSchema();
      const opened = await createPostgresKycReadModel({ connectionString: postgres.connectionString, schema, poolSize: 2 })();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      const projected = opened.right;
      try {
        const history = kycHistory();
        for (let i = 1; i <= 12; i++) await history.document(`d${i}`, `u${i % 3}`, i % 2 === 0 ? 'IDENTITY_PROOF' : 'ADDRESS_PROOF', 1_700_000_000 + i);
        await catchUpAll(history.store, projected);
        const served = await catalogOf(schema);
        expect(served.indexes.filter((index) => !index.is_unique).length).toBeGreaterThan(0);
        expect(served.triggers.length).toBeGreaterThan(0);

        let whileWriting: Awaited<ReturnType<typeof catalogOf>> | undefined;
        const rebuilt = await must(
          rebuildKycReadModel({
            events: onFirstRead(history.store, async () => void (whileWriting = await catalogOf(`${schema}_rebuild_`))),
            readModel: projected,
            batchSize: 5,
          }),
        );
        expect(rebuilt.applied).toBe(12);
        // The copy: its unique keys only, every trigger disabled.
        expect(whileWriting?.indexes.length).toBeGreaterThan(0);
        expect(whileWriting?.indexes.filter((index) => !index.is_unique)).toEqual([]);
        expect(whileWriting?.triggers.length).toBeGreaterThan(0);
        expect(whileWriting?.triggers.filter((trigger) => trigger.enabled !== 'D')).toEqual([]);
        // The served schema: as it was; the copy: gone.
        expect(await catalogOf(schema)).toEqual(served);
        expect((await catalogOf(`${schema}_rebuild_`)).indexes).toEqual([]);
        // The counts the served schema's triggers keep, through the switch.
        const all = await must(projected.readModel.listDocuments({ page: 1, perPage: 5, sort: 'CreationDate:ASC' }));
        expect({ totalItems: all.totalItems, totalPages: all.totalPages }).toEqual({ totalItems: 12, totalPages: 3 });
        expect((await must(projected.readModel.listDocuments({ page: 1, perPage: 5, sort: 'CreationDate:ASC', types: ['IDENTITY_PROOF'] }))).totalItems).toBe(6);
        const ofUser = await must(projected.readModel.listDocuments({ userId: 'u1', page: 1, perPage: 10, sort: 'CreationDate:ASC' }));
        expect(ofUser.items.map((document) => document.documentId)).toEqual(['d1', 'd4', 'd7', 'd10']);
      } finally {
        await projected.close();
      }
    });
  });
});
