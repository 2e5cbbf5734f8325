import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteCheckpointStore, createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { ExpectedVersion, type EventStore } from '../../src/application/ports/event-store.js';
import { anEvent, pause, right, streamName } from '../../src/testing/event-store-conformance/conformance-helpers.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * better-sqlite3 waits for another connection's write lock by blocking the thread. If the read model held
 * SQLite's write lock while its update awaited, an append by the event store of the same process (same file)
 * would block the very event loop the update needs to commit: the whole service would stall until the busy
 * timeout, then the append would fail. The checkpoint store takes the lock only once the update is ready.
 */
describe('SQLite checkpoint store and the write lock', () => {
  const directory = temporaryDirectory('sqlite-write-lock');
  const open: Array<{ close: () => unknown }> = [];
  afterEach(async () => {
    for (const resource of open.splice(0)) await resource.close();
  });

  it('holds no write lock while a projection update awaits: an append in the same process goes through meanwhile', async () => {
    const filename = join(directory.path, `shared-${Date.now()}.sqlite`);
    const store = await right(createSqliteEventStore({ filename, busyTimeoutMs: 200 }));
    open.push(store);
    const readModel = new Database(filename);
    readModel.pragma('journal_mode = WAL');
    readModel.pragma('busy_timeout = 200');
    open.push(readModel);
    readModel.exec('CREATE TABLE seen (n INTEGER NOT NULL)');
    const checkpoints = createSqliteCheckpointStore(readModel);
    if (E.isLeft(checkpoints)) throw new Error(checkpoints.left.message);

    let appendedMeanwhile: E.Either<unknown, unknown> | undefined;
    const appendWhileUpdating = (events: EventStore) => async () => {
      // The update awaits a timer (as an update that reads or decrypts would); the append runs in that time.
      const append = events.appendToStream(streamName(), ExpectedVersion.noStream, [anEvent()])();
      await pause(50);
      appendedMeanwhile = await append;
    };
    const advanced = await checkpoints.right.advance('lock-check', undefined, 1n, (unit) =>
      pipeUpdate(appendWhileUpdating(store), () => unit.defer(() => void readModel.prepare('INSERT INTO seen (n) VALUES (1)').run())),
    )();

    expect(appendedMeanwhile).toMatchObject({ _tag: 'Right' });
    expect(advanced).toEqual(E.right(undefined));
    expect(readModel.prepare('SELECT count(*) FROM seen').pluck().get()).toBe(1);
    expect(await right(checkpoints.right.read('lock-check'))).toBe(1n);
  });

  it('a statement that fails rolls back the batch and leaves the checkpoint where it was', async () => {
    const readModel = new Database(join(directory.path, `rollback-${Date.now()}.sqlite`));
    open.push(readModel);
    readModel.exec('CREATE TABLE seen (n INTEGER NOT NULL)');
    const checkpoints = createSqliteCheckpointStore(readModel);
    if (E.isLeft(checkpoints)) throw new Error(checkpoints.left.message);
    const failed = await checkpoints.right.advance('rollback-check', undefined, 5n, (unit) =>
      TE.right(
        unit.defer(() => {
          readModel.prepare('INSERT INTO seen (n) VALUES (1)').run();
          readModel.prepare('INSERT INTO seen (n) VALUES (NULL)').run();
        }),
      ),
    )();
    expect(failed).toMatchObject({ _tag: 'Left', left: { type: 'CHECKPOINT_STORE_UNAVAILABLE' } });
    expect(readModel.prepare('SELECT count(*) FROM seen').pluck().get()).toBe(0);
    expect(await right(checkpoints.right.read('rollback-check'))).toBeUndefined();
  });
});

/** An update that first does `before` (awaiting), then queues its statements. */
const pipeUpdate =
  (before: () => Promise<void>, queue: () => void): TE.TaskEither<never, void> =>
  async () => {
    await before();
    queue();
    return E.right(undefined);
  };
