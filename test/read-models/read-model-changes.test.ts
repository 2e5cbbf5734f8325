import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { JsonObject, RecordedEvent } from '../../src/application/ports/event-store.js';
import { readModelChangesOf, readModelChangesOfBatch } from '../../src/application/read-models/index.js';

const recorded = (streamName: string, streamVersion: number, type: string, data: JsonObject, schemaVersion = 1): RecordedEvent => ({
  eventId: `${streamName}-${streamVersion}`,
  type,
  schemaVersion,
  // Stored as the schema encodes it: the event's type is part of its data.
  data: { type, ...data },
  metadata: { commandId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' },
  streamName,
  streamVersion,
  globalPosition: BigInt(streamVersion),
});

describe('from recorded events to read-model changes', () => {
  it('creates a document as CREATED with no pages, and guards every later change with its stream version', () => {
    expect(
      readModelChangesOf(
        recorded('KycDocument-d1', 1, 'KycDocumentCreated', { type: 'KycDocumentCreated', documentId: 'd1', userId: 'u1', documentType: 'IDENTITY_PROOF', creationDate: 5 }),
      ),
    ).toEqual(
      E.right([
        {
          kind: 'document-created',
          version: 1,
          document: {
            documentId: 'd1',
            userId: 'u1',
            type: 'IDENTITY_PROOF',
            status: 'CREATED',
            tag: null,
            creationDate: 5,
            processedDate: null,
            refusedReasonType: null,
            flags: [],
            pageCount: 0,
            diverged: false,
          },
        },
      ]),
    );
    expect(readModelChangesOf(recorded('KycDocument-d1', 4, 'KycDocumentValidated', { documentId: 'd1', source: 'inferred' }))).toEqual(
      E.right([
        { kind: 'document-changed', documentId: 'd1', version: 4, patch: { status: 'VALIDATED', processedDate: null, refusedReasonType: null, flags: [], diverged: false } },
      ]),
    );
  });

  it('never needs a personal field: sealed, erased or absent, the refusal message and the check data change nothing', () => {
    const refused = (message: unknown) =>
      readModelChangesOf(
        recorded('KycDocument-d1', 3, 'KycDocumentRefused', {
          documentId: 'd1',
          source: 'mangopay',
          refusedReasonType: 'DOCUMENT_UNREADABLE',
          processedDate: 9,
          ...(message === undefined ? {} : { refusedReasonMessage: message as JsonObject }),
        }),
      );
    const plain = refused(undefined);
    expect(E.isRight(plain)).toBe(true);
    expect(refused('Jane Doe, unreadable')).toEqual(plain);
    expect(refused({ sealed: 'v1:abcdef', keyId: 'k1' })).toEqual(plain);
    expect(refused({ erased: true })).toEqual(plain);
    expect(JSON.stringify(refused('Jane Doe, unreadable'))).not.toContain('Jane');

    const validated = (value: unknown) =>
      readModelChangesOf(
        recorded('IdvSession-s1', 2, 'IdvSessionValidated', {
          sessionId: 's1',
          source: 'mangopay',
          checks: [{ checkId: 'c1', type: 'IDENTITY_DOCUMENT_VERIFICATION', status: 'VALIDATED', dataPoints: [{ type: 'FIRST_NAME', value: value as JsonObject }] }],
        }),
      );
    const plainCheck = validated('Jane');
    expect(E.isRight(plainCheck)).toBe(true);
    expect(validated({ sealed: 'x' })).toEqual(plainCheck);
    expect(validated({ erased: true })).toEqual(plainCheck);
    expect(JSON.stringify(plainCheck)).not.toContain('Jane');
  });

  it('changes nothing for streams of other kinds, nor for events that hold only what the lists do not show', () => {
    expect(readModelChangesOf(recorded('WebhookInbox-1', 1, 'HookReceived', { anything: 1 }))).toEqual(E.right([]));
    expect(readModelChangesOf(recorded('NoDash', 1, 'Whatever', {}))).toEqual(E.right([]));
    expect(readModelChangesOf(recorded('IdvSession-s1', 3, 'IdvSessionChecksObserved', { sessionId: 's1', checks: [] }))).toEqual(E.right([]));
  });

  it('answers a typed error naming the stream and version for an event it cannot read, without echoing values', () => {
    const unknownType = readModelChangesOf(recorded('KycDocument-d1', 7, 'KycDocumentShredded', { documentId: 'd1' }));
    expect(unknownType).toEqual(
      E.left(expect.objectContaining({ type: 'READ_MODEL_EVENT_UNREADABLE', streamName: 'KycDocument-d1', streamVersion: 7, faults: [{ path: 'type', rule: 'KnownEventType' }] })),
    );
    const badField = readModelChangesOf(recorded('UserKyc-u1', 2, 'UserKycLevelChanged', { userId: 'u1', from: 'LIGHT', to: 'PLATINUM-Jane' }));
    expect(badField).toMatchObject({ _tag: 'Left', left: { streamName: 'UserKyc-u1', streamVersion: 2, eventType: 'UserKycLevelChanged', faults: [{ path: 'to' }] } });
    expect(JSON.stringify(badField)).not.toContain('Jane');
    const otherId = readModelChangesOf(recorded('IdvSession-s1', 2, 'IdvSessionRejected', { sessionId: 's2', source: 'mangopay' }));
    expect(otherId).toMatchObject({ _tag: 'Left', left: { faults: [{ path: 'sessionId', rule: 'SameIdAsItsStream' }] } });
  });

  it("decodes through the aggregate's schema, as the command handler does: older versions lifted, unknown versions refused by path", () => {
    const v1Refusal = { checkId: 'c1', type: 'PERSONS_SIGNIFICANT_CONTROL', status: 'REFUSED', dataPoints: [], refusalReason: 'PSC_NAME_FAIL', refusalDescription: { sealed: 'x' } };
    expect(readModelChangesOf(recorded('IdvSession-s1', 2, 'IdvSessionRejected', { sessionId: 's1', source: 'mangopay', checks: [v1Refusal] as JsonObject[] }, 1))).toEqual(
      E.right([{ kind: 'session-changed', sessionId: 's1', version: 2, patch: { status: 'REJECTED', diverged: false } }]),
    );
    expect(readModelChangesOf(recorded('IdvSession-s1', 2, 'IdvSessionRejected', { sessionId: 's1', source: 'mangopay' }, 3))).toMatchObject({
      _tag: 'Left',
      left: { type: 'READ_MODEL_EVENT_UNREADABLE', faults: [{ path: 'schemaVersion', rule: 'SupportedSchemaVersion' }] },
    });
  });

  it('translates a batch in order and stops at its first unreadable event', () => {
    const batch = [
      recorded('IdvSession-s1', 1, 'IdvSessionStarted', { sessionId: 's1', userId: 'u1', personType: 'NATURAL', returnUrl: 'https://x.example', hostedUrl: 'h', creationDate: 3, tag: 't' }),
      recorded('IdvSession-s1', 2, 'IdvSessionStatusDiverged', { sessionId: 's1', localStatus: 'PENDING', observedStatus: { unrecognized: 'NEW' } }),
    ];
    expect(readModelChangesOfBatch(batch)).toEqual(
      E.right([
        { kind: 'session-started', version: 1, session: { sessionId: 's1', userId: 'u1', status: 'PENDING', tag: 't', creationDate: 3, diverged: false } },
        { kind: 'session-changed', sessionId: 's1', version: 2, patch: { diverged: true } },
      ]),
    );
    expect(readModelChangesOfBatch([...batch, recorded('UserKyc-u1', 1, 'UserRegistered', { userId: 'u1' })])).toMatchObject({
      _tag: 'Left',
      left: { streamName: 'UserKyc-u1', streamVersion: 1 },
    });
  });
});
