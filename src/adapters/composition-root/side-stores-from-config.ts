import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { ProjectedKycReadModel, ReadModelEventUnreadable } from '../../application/read-models/index.js';
import type { WebhookInbox } from '../../application/ports/webhook-inbox.js';
import { createInMemoryWebhookInbox } from '../in-memory/index.js';
import { createPostgresKycReadModel, createPostgresPool } from '../postgres/index.js';
import { createPostgresWebhookInbox } from '../postgres/index.js';
import { createSqliteKycReadModel, DEFAULT_SQLITE_READ_MODEL_FILENAME } from '../sqlite/index.js';
import { createSqliteWebhookInbox } from '../sqlite/index.js';
import { closeStack } from './close-stack.js';
import type { EventStoreLocation } from './kyc-config.js';

/** The read model and the webhook inbox: beside the events in the same database where the store is SQL. */
export interface SideStores {
  readonly readModel: ProjectedKycReadModel<unknown>;
  readonly inbox: WebhookInbox;
  readonly close: () => Promise<void>;
}

export interface SideStoresUnavailable {
  readonly type: 'SIDE_STORES_UNAVAILABLE';
  readonly message: string;
}

type OnStreamSetAside = (unreadable: ReadModelEventUnreadable) => void;

const unavailable = (message: string): E.Either<SideStoresUnavailable, never> => E.left({ type: 'SIDE_STORES_UNAVAILABLE', message });

const sqliteSideStores = async (filename: string, onStreamSetAside: OnStreamSetAside | undefined): Promise<E.Either<SideStoresUnavailable, SideStores>> => {
  const opened = closeStack();
  const readModel = await createSqliteKycReadModel({ filename, ...(onStreamSetAside === undefined ? {} : { onStreamSetAside }) })();
  if (E.isLeft(readModel)) return unavailable(readModel.left.message);
  opened.push(() => readModel.right.close());
  // The inbox gets a connection of its own: the read model's connection holds projection transactions.
  const database = filename === ':memory:' ? undefined : new Database(filename);
  if (database !== undefined) {
    opened.push(() => {
      database.close();
    });
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
  }
  const inbox = database === undefined ? E.right(createInMemoryWebhookInbox()) : createSqliteWebhookInbox(database);
  if (E.isLeft(inbox)) {
    await opened.closeAll();
    return unavailable(inbox.left.message);
  }
  return E.right({ readModel: readModel.right as ProjectedKycReadModel<unknown>, inbox: inbox.right, close: opened.closeAll });
};

/**
 * SQLite store: one file holds events, read model and inbox (each on its own connection). PostgreSQL: the
 * same database, schemas `kyc_read_model` and `kyc_inbox`. In memory: an in-memory inbox and a read model
 * in SQLite's memory. EventStoreDB: both in a local SQLite file beside it.
 */
export const sideStoresFromConfig = async (location: EventStoreLocation, onStreamSetAside?: OnStreamSetAside): Promise<E.Either<SideStoresUnavailable, SideStores>> => {
  switch (location.kind) {
    case 'memory':
      return sqliteSideStores(':memory:', onStreamSetAside);
    case 'sqlite':
      return sqliteSideStores(location.filename, onStreamSetAside);
    case 'eventstoredb':
      return sqliteSideStores(DEFAULT_SQLITE_READ_MODEL_FILENAME, onStreamSetAside);
    case 'postgres': {
      const opened = closeStack();
      const pool = createPostgresPool(location.connectionString, 5);
      opened.push(() => pool.end());
      const readModel = await createPostgresKycReadModel({ pool, schema: 'kyc_read_model', ...(onStreamSetAside === undefined ? {} : { onStreamSetAside }) })();
      if (E.isLeft(readModel)) {
        await opened.closeAll();
        return unavailable(readModel.left.message);
      }
      opened.push(() => readModel.right.close());
      const inbox = await createPostgresWebhookInbox({ pool, schema: 'kyc_inbox' })();
      if (E.isLeft(inbox)) {
        await opened.closeAll();
        return unavailable(inbox.left.message);
      }
      return E.right({ readModel: readModel.right as ProjectedKycReadModel<unknown>, inbox: inbox.right, close: opened.closeAll });
    }
  }
};
