import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryEventStore } from '../../src/adapters/in-memory/event-store/index.js';
import { kycDocumentAggregate } from '../../src/application/aggregates.js';
import { createCommandHandler, immediateRetry, type CommandEnvelope } from '../../src/application/command-handling/index.js';
import { ExpectedVersion, type EventStore } from '../../src/application/ports/event-store.js';
import type { KycDocumentCommand } from '../../src/domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import { pageFile } from '../support/page-files.js';

const documentId = 'doc_1' as MangopayId;
const userId = 'user_1' as MangopayId;
const aggregate = kycDocumentAggregate();
const envelope = (commandId: string, command: KycDocumentCommand): CommandEnvelope<KycDocumentCommand> => ({
  commandId: commandId as CommandId,
  command,
});
const create = envelope('cmd-create', {
  type: 'CreateKycDocument',
  documentId,
  userId: 'user_1' as MangopayId,
  documentType: 'IDENTITY_PROOF',
  creationDate: 1_700_000_000 as UnixTimestamp,
});
const addPage = (commandId: string) => envelope(commandId, { type: 'AddKycPage', documentId, userId, file: pageFile('PNG', 2048) });

const setup = (store: EventStore = createInMemoryEventStore()) => ({
  store,
  handle: createCommandHandler({ store, clock: fixedClock(), retry: immediateRetry(3) }),
});
const events = async (store: EventStore) => {
  const read = await store.readStream('KycDocument-doc_1')();
  return E.isRight(read) ? read.right.events : [];
};

describe('command handler', () => {
  it('reads, decides and appends, with the command id and time in the metadata', async () => {
    const { store, handle } = setup();
    const result = await handle(aggregate, documentId, create)();
    expect(E.isRight(result) && result.right).toMatchObject({ streamVersion: 1, replayed: false, state: { status: 'CREATED' } });
    const stored = await events(store);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'KycDocumentCreated',
      schemaVersion: 1,
      metadata: { commandId: 'cmd-create', occurredAt: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('running the same command twice has the effect of once, and answers with the first outcome', async () => {
    const { store, handle } = setup();
    await handle(aggregate, documentId, create)();
    const first = await handle(aggregate, documentId, addPage('cmd-page'))();
    const second = await handle(aggregate, documentId, addPage('cmd-page'))();
    expect(await events(store)).toHaveLength(2);
    expect(E.isRight(second) && second.right).toMatchObject({ replayed: true, streamVersion: 2 });
    expect(E.isRight(first) && E.isRight(second) && second.right.events).toEqual(E.isRight(first) && first.right.events);
  });

  it("refuses a platform's command id reused for another request (COMMAND_ID_REUSED, nothing done); the same request again is a replay", async () => {
    const { store, handle } = setup();
    await handle(aggregate, documentId, create)();
    const asked = (file: string) => ({ commandId: 'idem-1' as CommandId, documentId, file });
    const page = (file: string): CommandEnvelope<KycDocumentCommand> => ({ ...envelope('idem-1', { type: 'AddKycPage', documentId, userId, file }), request: asked(file) });
    const first = pageFile('PNG', 2048);
    const other = pageFile('JPEG', 4096);
    expect(E.isRight(await handle(aggregate, documentId, page(first))())).toBe(true);
    expect(await handle(aggregate, documentId, page(other))()).toEqual(E.left(expect.objectContaining({ type: 'COMMAND_ID_REUSED', streamName: 'KycDocument-doc_1' })));
    const submitUnderSameKey = { ...envelope('idem-1', { type: 'SubmitKycDocument', documentId, userId }), request: { commandId: 'idem-1', documentId } };
    expect(await handle(aggregate, documentId, submitUnderSameKey)()).toMatchObject({ _tag: 'Left', left: { type: 'COMMAND_ID_REUSED' } });
    expect(await handle(aggregate, documentId, page(first))()).toMatchObject({ _tag: 'Right', right: { replayed: true } });
    expect((await events(store)).map((e) => e.type)).toEqual(['KycDocumentCreated', 'KycPageAdded']);
    // An observation carries no request: its content may change between two runs of the same hook.
    expect(await handle(aggregate, documentId, addPage('idem-1'))()).toMatchObject({ _tag: 'Right', right: { replayed: true } });
  });

  it('gives every event a deterministic id, so a store sees a replayed append as the same events', async () => {
    const a = setup();
    const b = setup();
    await a.handle(aggregate, documentId, create)();
    await b.handle(aggregate, documentId, create)();
    expect((await events(a.store)).map((e) => e.eventId)).toEqual((await events(b.store)).map((e) => e.eventId));
  });

  it('returns the typed domain error and appends nothing', async () => {
    const { store, handle } = setup();
    await handle(aggregate, documentId, create)();
    const submit = await handle(aggregate, documentId, envelope('cmd-submit', { type: 'SubmitKycDocument', documentId, userId }))();
    expect(E.isLeft(submit) && submit.left.type).toBe('SUBMIT_NEEDS_A_PAGE');
    expect(await events(store)).toHaveLength(1);
  });

  it('re-reads and decides again after losing a race for the version', async () => {
    const store = createInMemoryEventStore();
    let raced = false;
    // A store whose first append loses to a concurrent writer that adds a page first.
    const racing: EventStore = {
      ...store,
      appendToStream: (stream, expected, batch) => async () => {
        if (!raced && batch[0]?.type === 'KycPageAdded') {
          raced = true;
          await setup(store).handle(aggregate, documentId, addPage('cmd-concurrent'))();
        }
        return store.appendToStream(stream, expected, batch)();
      },
    };
    const { handle } = setup(racing);
    await handle(aggregate, documentId, create)();
    const result = await handle(aggregate, documentId, addPage('cmd-mine'))();
    expect(E.isRight(result) && result.right.streamVersion).toBe(3);
    const pages = (await events(store)).filter((e) => e.type === 'KycPageAdded').map((e) => e.data['pageNumber']);
    expect(pages).toEqual([1, 2]);
  });

  it('gives up after the retry budget when the stream never stops changing, appending nothing', async () => {
    const store = createInMemoryEventStore();
    const alwaysLosing: EventStore = {
      ...store,
      appendToStream: (stream, _expected, batch) =>
        batch[0]?.type === 'KycPageAdded' ? store.appendToStream(stream, ExpectedVersion.exact(99), batch) : store.appendToStream(stream, ExpectedVersion.any, batch),
    };
    const { handle } = setup(alwaysLosing);
    await handle(aggregate, documentId, create)();
    const result = await handle(aggregate, documentId, addPage('cmd-page'))();
    expect(E.isLeft(result) && result.left).toMatchObject({ type: 'CONCURRENCY_RETRIES_EXHAUSTED', attempts: 3 });
    expect(await events(store)).toHaveLength(1);
  });

  it('runs the effect between decide and append; when it fails nothing is appended', async () => {
    const { store, handle } = setup();
    await handle(aggregate, documentId, create)();
    const seen: string[] = [];
    const failed = await handle(aggregate, documentId, addPage('cmd-page'), (decided) => {
      seen.push(...decided.map((e) => e.type));
      return TE.left({ type: 'MANGOPAY_UNAVAILABLE' as const, message: 'down' });
    })();
    expect(seen).toEqual(['KycPageAdded']);
    expect(E.isLeft(failed) && failed.left.type).toBe('MANGOPAY_UNAVAILABLE');
    expect(await events(store)).toHaveLength(1);
  });

  it('names the stream and version of a stored event that no longer decodes, and refuses to write on it', async () => {
    const { store, handle } = setup();
    await store.appendToStream('KycDocument-doc_1', ExpectedVersion.noStream, [
      {
        eventId: '00000000-0000-8000-8000-000000000001',
        type: 'KycDocumentCreated',
        schemaVersion: 1,
        data: { type: 'KycDocumentCreated', documentId: 'doc_1', userId: 'user_1', documentType: 'PASSPORT', creationDate: 1 },
        metadata: { commandId: 'legacy', occurredAt: '2020-01-01T00:00:00Z' },
      },
    ])();
    const result = await handle(aggregate, documentId, addPage('cmd-page'))();
    expect(E.isLeft(result) && result.left).toMatchObject({
      type: 'STORED_EVENT_UNREADABLE',
      streamName: 'KycDocument-doc_1',
      streamVersion: 1,
      cause: { faults: [{ path: 'documentType', rule: 'KycDocumentType' }] },
    });
    expect(await events(store)).toHaveLength(1);
  });
});
