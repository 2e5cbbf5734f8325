import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSqliteMigrations } from '../../src/adapters/sqlite/schema/sqlite-schema-migrations.js';
import { webhookInboxMigrations } from '../../src/adapters/sqlite/schema/webhook-inbox-migrations.js';
import { createSqliteWebhookInbox } from '../../src/adapters/sqlite/webhook-inbox/index.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { describeWebhookInboxBehaviour, hook, ok } from './support/describe-webhook-inbox-behaviour.js';

const directory = temporaryDirectory('sqlite-webhook-inbox');
afterAll(() => directory.remove());
let files = 0;

/** A file database opened as a service would open it: WAL, synchronous=FULL. */
const openDatabase = (filename: string): Database.Database => {
  const database = new Database(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  return database;
};

describeWebhookInboxBehaviour('SQLite', async () => {
  const database = openDatabase(join(directory.path, `inbox-${++files}.sqlite`));
  const inbox = createSqliteWebhookInbox(database);
  if (E.isLeft(inbox)) throw new Error(inbox.left.message);
  return {
    inbox: inbox.right,
    close: async () => {
      database.close();
    },
  };
});

describe('SQLite webhook inbox', () => {
  it('keeps what it acknowledged across a reopen of the file', async () => {
    const filename = join(directory.path, 'reopened.sqlite');
    const first = openDatabase(filename);
    const inbox = createSqliteWebhookInbox(first);
    if (E.isLeft(inbox)) throw new Error(inbox.left.message);
    await ok(inbox.right.record(hook('KYC_SUCCEEDED', 'kyc_1', 1), { status: 'pending', receivedAt: new Date(0) }));
    first.close();
    const second = openDatabase(filename);
    const reopened = createSqliteWebhookInbox(second);
    if (E.isLeft(reopened)) throw new Error(reopened.left.message);
    expect(await ok(reopened.right.countByStatus())).toEqual({ pending: 1, processed: 0, ignored: 0, parked: 0 });
    expect(await ok(reopened.right.record(hook('KYC_SUCCEEDED', 'kyc_1', 1), { status: 'pending', receivedAt: new Date(0) }))).toEqual({
      kind: 'duplicate',
    });
    second.close();
  });

  it('upgrades an inbox written by the first schema: rows kept, no sequence handed out twice, only waiting entries collapse', async () => {
    const database = openDatabase(join(directory.path, 'upgraded.sqlite'));
    runSqliteMigrations(database, 'webhook-inbox', webhookInboxMigrations.slice(0, 1));
    const insert = database.prepare(
      `INSERT INTO webhook_inbox (event_type, resource_id, hook_date, received_at, status, attempts, next_attempt_at, settled_at)
       VALUES (?, ?, 1, '2026-03-01T10:00:00.000Z', ?, ?, 0, ?)`,
    );
    insert.run('KYC_SUCCEEDED', 'kyc_waiting', 'pending', 0, null);
    insert.run('KYC_SUCCEEDED', 'kyc_done', 'processed', 1, '2026-03-01T10:00:01.000Z');
    insert.run('KYC_SUCCEEDED', 'kyc_gone', 'processed', 1, '2026-03-01T10:00:01.000Z');
    database.prepare(`DELETE FROM webhook_inbox WHERE resource_id = 'kyc_gone'`).run();
    const inbox = createSqliteWebhookInbox(database);
    if (E.isLeft(inbox)) throw new Error(inbox.left.message);
    const receivedAt = new Date(0);
    expect(await ok(inbox.right.countByStatus())).toEqual({ pending: 1, processed: 1, ignored: 0, parked: 0 });
    expect(await ok(inbox.right.record(hook('KYC_SUCCEEDED', 'kyc_done', 1), { status: 'pending', receivedAt }))).toEqual({ kind: 'recorded', sequence: 4 });
    expect(await ok(inbox.right.record(hook('KYC_SUCCEEDED', 'kyc_waiting', 1), { status: 'pending', receivedAt }))).toEqual({ kind: 'duplicate' });
    database.close();
  });

  it('answers a closed database with WEBHOOK_INBOX_UNAVAILABLE naming no value', async () => {
    const database = openDatabase(join(directory.path, 'closed.sqlite'));
    const inbox = createSqliteWebhookInbox(database);
    if (E.isLeft(inbox)) throw new Error(inbox.left.message);
    database.close();
    const recorded = await inbox.right.record(hook('KYC_SUCCEEDED', 'kyc_secret_id', 1), { status: 'pending', receivedAt: new Date(0) })();
    expect(E.isLeft(recorded) && recorded.left.type).toBe('WEBHOOK_INBOX_UNAVAILABLE');
    expect(JSON.stringify(recorded)).not.toContain('kyc_secret_id');
  });
});
