import * as TE from 'fp-ts/lib/TaskEither.js';
import type { PersonalDataKeysUnavailable, PersonalDataKeyStore } from '../../application/ports/personal-data-key-store.js';
import { createEventStoreDbPersonalDataKeyStore, DEFAULT_KEY_STREAM_PREFIX } from '../eventstoredb/index.js';
import { createInMemoryPersonalDataKeyStore } from '../in-memory/index.js';
import { createPostgresPersonalDataKeyStore } from '../postgres/index.js';
import { createSqlitePersonalDataKeyStore } from '../sqlite/index.js';
import type { EventStoreLocation } from './kyc-config.js';

/**
 * The users' data keys, in the same database as the events but apart from them, so that erasing a key never
 * touches an event: a table of their own in the SQLite file or the PostgreSQL database, streams of their
 * own in EventStoreDB (hidden from the event store's $all reads), memory for memory.
 */
export const personalDataKeysFromConfig = (location: EventStoreLocation): TE.TaskEither<PersonalDataKeysUnavailable, PersonalDataKeyStore> => {
  switch (location.kind) {
    case 'memory':
      return TE.right(createInMemoryPersonalDataKeyStore());
    case 'sqlite':
      return createSqlitePersonalDataKeyStore({ filename: location.filename });
    case 'postgres':
      return createPostgresPersonalDataKeyStore({ connectionString: location.connectionString });
    case 'eventstoredb':
      return createEventStoreDbPersonalDataKeyStore({ connectionString: location.connectionString, streamPrefix: DEFAULT_KEY_STREAM_PREFIX });
  }
};

/** Where the keys are, in words for the log (never with credentials). */
export const describeKeyLocation = (location: EventStoreLocation): string => {
  switch (location.kind) {
    case 'memory':
      return 'in memory, for this run only';
    case 'sqlite':
      return "in table personal_data_keys of the events' SQLite file";
    case 'postgres':
      return "in table kyc_events.personal_data_keys of the events' database";
    case 'eventstoredb':
      return `in streams ${DEFAULT_KEY_STREAM_PREFIX}key-* and ${DEFAULT_KEY_STREAM_PREFIX}subject-* of the events' EventStoreDB (hidden from event reads)`;
  }
};
