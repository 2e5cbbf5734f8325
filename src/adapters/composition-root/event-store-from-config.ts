import * as TE from 'fp-ts/lib/TaskEither.js';
import type { EventStore, EventStoreUnavailable } from '../../application/ports/event-store.js';
import { createEventStoreDbEventStore } from '../eventstoredb/index.js';
import { DEFAULT_KEY_STREAM_PREFIX } from '../eventstoredb/index.js';
import { createInMemoryEventStore } from '../in-memory/index.js';
import { createPostgresEventStore } from '../postgres/index.js';
import { createSqliteEventStore } from '../sqlite/index.js';
import type { EventStoreLocation } from './kyc-config.js';

/** The event store the configuration names, created and migrated. */
export const eventStoreFromConfig = (location: EventStoreLocation): TE.TaskEither<EventStoreUnavailable, EventStore> => {
  switch (location.kind) {
    case 'memory':
      return TE.right(createInMemoryEventStore());
    case 'sqlite':
      return createSqliteEventStore({ filename: location.filename });
    case 'postgres':
      return createPostgresEventStore({ connectionString: location.connectionString });
    case 'eventstoredb':
      // The users' data keys live in the same database (personal-data-keys-from-config.ts): never read as events.
      return createEventStoreDbEventStore({ connectionString: location.connectionString, hiddenStreamPrefixes: [DEFAULT_KEY_STREAM_PREFIX] });
  }
};

/** How the store is described in logs: never with credentials. */
export const describeLocation = (location: EventStoreLocation): string => {
  switch (location.kind) {
    case 'memory':
      return 'in memory';
    case 'sqlite':
      return `SQLite file ${location.filename}`;
    case 'postgres':
    case 'eventstoredb': {
      try {
        const url = new URL(location.connectionString);
        return `${location.kind === 'postgres' ? 'PostgreSQL' : 'EventStoreDB'} at ${url.hostname}${url.port === '' ? '' : `:${url.port}`}${url.pathname}`;
      } catch {
        return location.kind;
      }
    }
  }
};
