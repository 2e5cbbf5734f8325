import { createPostgresEventStore } from '../../src/adapters/postgres/event-store/index.js';
import { failOnUnhandledRejections, fuzzCaseTally } from '../../src/testing/fuzz/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { describeStoredEventCorruption } from './support/describe-stored-event-corruption.js';

failOnUnhandledRejections();
const tally = fuzzCaseTally('stored events (PostgreSQL store)');
const postgres = await postgresForTests('stored-events-fuzz');

postgres.describe('events read back from the PostgreSQL store, damaged in the table', () => {
  describeStoredEventCorruption(
    async () => {
      const schema = await postgres.newSchema();
      const opened = await createPostgresEventStore({ connectionString: postgres.connectionString, schema })();
      if (opened._tag === 'Left') throw new Error(opened.left.message);
      const column = { data: 'data', metadata: 'metadata', type: 'event_type', schemaVersion: 'schema_version' } as const;
      return {
        store: opened.right,
        // json refuses text cut short, text refuses NUL, and schema_version is a 32-bit integer.
        limits: { truncatedJson: false, anyText: false, maxSchemaVersion: 2_147_483_647 },
        corrupt: async (streamName, version, corruption) => {
          const json = corruption.column === 'data' || corruption.column === 'metadata';
          try {
            await postgres.query(`UPDATE ${schema}.events SET ${column[corruption.column]} = $1${json ? '::json' : ''} WHERE stream_name = $2 AND stream_version = $3`, [
              json ? corruption.json : corruption.value,
              streamName,
              version,
            ]);
          } catch (error) {
            // 54001: nesting past PostgreSQL's own stack depth; such a row cannot exist in this table.
            if ((error as { code?: string }).code === '54001') return 'refused-by-database';
            throw error;
          }
        },
        rowsIn: async (streamName) => Number((await postgres.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.events WHERE stream_name = $1`, [streamName])).rows[0]?.n),
        close: () => opened.right.close(),
      };
    },
    tally,
    'PostgreSQL',
    100,
  );
});
