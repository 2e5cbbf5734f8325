import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../../src/application/aggregates.js';
import { ExpectedVersion, type JsonObject } from '../../src/application/ports/event-store.js';
import { createConsoleUserIndex } from '../../src/adapters/auditors-console/console-user-index.js';
import type { AnyAggregate } from '../../src/adapters/auditors-console/user-streams.js';
import { createInMemoryEventStore } from '../../src/adapters/in-memory/index.js';
import { anEvent } from '../../src/testing/event-store-conformance/conformance-helpers.js';

const AGGREGATES = [userKycAggregate, kycDocumentAggregate(), idvSessionAggregate] as unknown as ReadonlyArray<AnyAggregate>;

const created = (documentId: string, userId: string): JsonObject => ({ type: 'KycDocumentCreated', documentId, userId, documentType: 'IDENTITY_PROOF', creationDate: 1 });

describe("the console's user index", () => {
  it('reads events through their schema: personal fields blind, a damaged event telling nothing, a stream without a readable first event left out', async () => {
    const store = createInMemoryEventStore();
    const append = async (stream: string, data: JsonObject) => {
      const appended = await store.appendToStream(stream, ExpectedVersion.any, [anEvent(data, data['type'] as string)])();
      if (E.isLeft(appended)) throw new Error(appended.left.message);
    };
    await append('KycDocument-d1', created('d1', 'u1'));
    // A refusal whose message is sealed (the index holds no key) and which carries an anomaly.
    await append('KycDocument-d1', {
      type: 'KycDocumentRefused',
      documentId: 'd1',
      source: 'mangopay',
      refusedReasonMessage: { sealed: 'v1:abc', keyId: 'k1' },
      anomalies: [{ path: 'RefusedReasonType', rule: 'PresentOnRefusal' }],
    });
    // Damaged: no source. Its anomalies are not believed.
    await append('KycDocument-d1', { type: 'KycDocumentRefused', documentId: 'd1', anomalies: [{ path: 'x', rule: 'y' }] });
    // A session whose first event does not decode names no user the index could trust.
    await append('IdvSession-s1', { type: 'IdvSessionStarted', sessionId: 's1', userId: 'u1' });

    const index = createConsoleUserIndex(store, AGGREGATES);
    expect(await index.caughtUp()).toEqual(E.right(undefined));
    expect(index.user('u1')).toMatchObject({ streams: ['KycDocument-d1'], anomalies: [{ streamName: 'KycDocument-d1', streamVersion: 2 }] });
    expect(index.ownerOf('s1')).toBeUndefined();
  });
});
