import Database from 'better-sqlite3';
import { describe } from 'vitest';
import { createSqliteEventStore } from '../../src/adapters/sqlite/event-store/index.js';
import { failOnUnhandledRejections, fuzzCaseTally } from '../../src/testing/fuzz/index.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { describeStoredEventCorruption } from './support/describe-stored-event-corruption.js';

failOnUnhandledRejections();
const tally = fuzzCaseTally('stored events (SQLite store)');

describe('events read back from the SQLite store, damaged in the file', () => {
  describeStoredEventCorruption(
    async () => {
      const directory = temporaryDirectory('stored-events-fuzz');
      const filename = `${directory.path}/kyc.sqlite`;
      const opened = await createSqliteEventStore({ filename })();
      if (opened._tag === 'Left') throw new Error(opened.left.message);
      // A second connection to the same file: the damage a bad migration, a manual edit or a disk fault does.
      const raw = new Database(filename);
      const column = { data: 'data', metadata: 'metadata', type: 'event_type', schemaVersion: 'schema_version' } as const;
      return {
        store: opened.right,
        limits: { truncatedJson: true, anyText: true, maxSchemaVersion: Number.MAX_SAFE_INTEGER },
        corrupt: async (streamName, version, corruption) => {
          const value = corruption.column === 'data' || corruption.column === 'metadata' ? corruption.json : corruption.value;
          raw.prepare(`UPDATE events SET ${column[corruption.column]} = ? WHERE stream_name = ? AND stream_version = ?`).run(value, streamName, version);
        },
        rowsIn: async (streamName) => (raw.prepare('SELECT count(*) AS n FROM events WHERE stream_name = ?').get(streamName) as { n: number }).n,
        close: async () => {
          raw.close();
          await opened.right.close();
          directory.remove();
        },
      };
    },
    tally,
    'SQLite',
    150,
  );
});
