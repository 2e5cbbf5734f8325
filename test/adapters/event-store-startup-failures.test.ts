import { describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/postgres/event-store/index.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/event-store/index.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

describe('event stores that cannot start say so as values', () => {
  it('PostgreSQL: an unreachable server is EVENT_STORE_UNAVAILABLE, not a rejection', async () => {
    const opened = await createPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none' })();
    expect(opened).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
  });

  it('PostgreSQL: a schema name that is not a plain identifier is refused before any SQL', async () => {
    const opened = await createPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none', schema: 'x"; DROP TABLE y; --' })();
    expect(opened).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
  });

  it('SQLite: a file that cannot be opened is EVENT_STORE_UNAVAILABLE', async () => {
    const directory = temporaryDirectory('sqlite-unopenable');
    try {
      // The path is an existing directory, which SQLite cannot open as a database file.
      const opened = await createSqliteEventStore({ filename: directory.path })();
      expect(opened).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
    } finally {
      directory.remove();
    }
  });
});
