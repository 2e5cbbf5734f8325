import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ExpectedVersion, type EventStore, type RecordedEvent } from '../../src/application/ports/event-store.js';
import {
  KYC_READ_MODEL_PROJECTION,
  rebuildKycReadModel,
  type DocumentListQuery,
  type KycReadModel,
  type ProjectedKycReadModel,
  type RebuildProgress,
} from '../../src/application/read-models/index.js';
import { anEvent } from '../../src/testing/event-store-conformance/index.js';
import { BUSINESS_OWNER, NATURAL_OWNER, ORGANIZATION_PAYER, SOLETRADER_OWNER, kycHistory } from './kyc-history.js';
import { listScenario } from './list-scenario.js';
import { catchUpAll, failingOnRead, must, observingReads, type OpenedReadModel, type ReadModelOptions, type ReadModelSubject } from './read-model-subject.js';

const ALL: DocumentListQuery = { page: 1, perPage: 100, sort: 'CreationDate:ASC' };

const ids = async (readModel: KycReadModel, query: Partial<DocumentListQuery>) => {
  const page = await must(readModel.listDocuments({ ...ALL, ...query }));
  return { ids: page.items.map((item) => item.documentId), totalItems: page.totalItems, totalPages: page.totalPages };
};

/** Everything the read model answers about a history: compared before and after replays, rebuilds and restarts. */
const answers = async (readModel: KycReadModel) => ({
  ascending: await must(readModel.listDocuments(ALL)),
  descending: await must(readModel.listDocuments({ ...ALL, sort: 'CreationDate:DESC', perPage: 3, page: 2 })),
  sessions: await Promise.all(['u1', 'u2', 'u3'].map((user) => must(readModel.listUserSessions(user, { page: 1, perPage: 10, sort: 'CreationDate:ASC' })))),
  users: await Promise.all(['u1', 'u2', 'u3', 'nobody'].map((user) => must(readModel.userKyc(user)))),
});

const allEvents = async (store: EventStore): Promise<ReadonlyArray<RecordedEvent>> => must(store.readAll({ maxCount: 100_000 }));

export const describeKycReadModelBehaviour = <Tx>(subject: ReadModelSubject<Tx>): void => {
  describe(`KYC read model on ${subject.name}`, () => {
    const opened: Array<OpenedReadModel<Tx>> = [];
    const fresh = async (options?: ReadModelOptions): Promise<ProjectedKycReadModel<Tx>> => {
      const next = await subject.fresh(options);
      opened.push(next);
      return next.projected;
    };
    afterEach(async () => {
      for (const next of opened.splice(0)) await next.teardown();
    });

    it('lists documents in CreationDate order with the id as tie-break, paged, with Mangopay’s totals', async () => {
      const history = await listScenario();
      const projected = await fresh();
      await catchUpAll(history.store, projected, 7);
      const rm = projected.readModel;
      expect(await ids(rm, { perPage: 3 })).toEqual({ ids: ['d01', 'd02', 'd03'], totalItems: 7, totalPages: 3 });
      expect(await ids(rm, { perPage: 3, page: 3 })).toEqual({ ids: ['d07'], totalItems: 7, totalPages: 3 });
      expect(await ids(rm, { perPage: 3, page: 4 })).toEqual({ ids: [], totalItems: 7, totalPages: 3 });
      expect(await ids(rm, { perPage: 3, sort: 'CreationDate:DESC' })).toEqual({ ids: ['d07', 'd06', 'd05'], totalItems: 7, totalPages: 3 });
      expect(await ids(rm, { perPage: 3, page: 2, sort: 'CreationDate:DESC' })).toEqual({ ids: ['d04', 'd03', 'd02'], totalItems: 7, totalPages: 3 });
      expect(await ids(rm, { perPage: 7 })).toEqual({ ids: ['d01', 'd02', 'd03', 'd04', 'd05', 'd06', 'd07'], totalItems: 7, totalPages: 1 });
    });

    it('filters by BeforeDate and AfterDate (both strict), Status, Type and user, and counts what the filters keep', async () => {
      const history = await listScenario();
      const projected = await fresh();
      await catchUpAll(history.store, projected);
      const rm = projected.readModel;
      expect((await ids(rm, { beforeDate: 1010 })).ids).toEqual(['d01', 'd02', 'd03']);
      expect((await ids(rm, { afterDate: 1010 })).ids).toEqual(['d06', 'd07']);
      expect((await ids(rm, { afterDate: 1000, beforeDate: 1020 })).ids).toEqual(['d03', 'd04', 'd05']);
      expect((await ids(rm, { statuses: ['VALIDATED', 'REFUSED'] })).ids).toEqual(['d01', 'd02', 'd06', 'd07']);
      expect((await ids(rm, { statuses: ['CREATED'] })).ids).toEqual(['d04']);
      expect((await ids(rm, { statuses: ['OUT_OF_DATE', 'VALIDATION_ASKED'] })).ids).toEqual(['d03', 'd05']);
      expect((await ids(rm, { types: ['IDENTITY_PROOF'] })).ids).toEqual(['d01', 'd03', 'd07']);
      expect((await ids(rm, { types: ['IDENTITY_PROOF', 'ADDRESS_PROOF'], statuses: ['VALIDATED'] })).ids).toEqual(['d01', 'd07']);
      expect((await ids(rm, { userId: 'u1' })).ids).toEqual(['d01', 'd02', 'd07']);
      expect(await ids(rm, { userId: 'u1', statuses: ['REFUSED'] })).toEqual({ ids: ['d02'], totalItems: 1, totalPages: 1 });
      expect(await ids(rm, { userId: 'u1', perPage: 2, page: 2, sort: 'CreationDate:DESC' })).toEqual({ ids: ['d01'], totalItems: 3, totalPages: 2 });
      expect(await ids(rm, { userId: 'nobody' })).toEqual({ ids: [], totalItems: 0, totalPages: 0 });
      // An empty list filter is no filter, as Mangopay reads `Status=`.
      expect((await ids(rm, { statuses: [], types: [] })).totalItems).toBe(7);
    });

    it('keeps each document’s listed fields, and no personal data', async () => {
      const history = await listScenario();
      const projected = await fresh();
      await catchUpAll(history.store, projected);
      const page = await must(projected.readModel.listDocuments(ALL));
      const byId = new Map(page.items.map((item) => [item.documentId, item]));
      expect(byId.get('d01')).toEqual({
        documentId: 'd01',
        userId: 'u1',
        type: 'IDENTITY_PROOF',
        status: 'VALIDATED',
        tag: 'submitted',
        creationDate: 1000,
        processedDate: 1100,
        refusedReasonType: null,
        flags: [],
        pageCount: 2,
        diverged: false,
      });
      expect(byId.get('d02')).toMatchObject({ status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', processedDate: 1101, tag: null, pageCount: 1 });
      expect(byId.get('d04')).toMatchObject({ status: 'CREATED', processedDate: null, pageCount: 0, diverged: false });
      expect(byId.get('d05')).toMatchObject({ status: 'OUT_OF_DATE', processedDate: 1102 });
      expect(byId.get('d06')).toMatchObject({ status: 'REFUSED', refusedReasonType: { unrecognized: 'NEW_REASON' }, processedDate: 1103 });
      expect(byId.get('d07')).toMatchObject({ status: 'VALIDATED', diverged: true, refusedReasonType: null, processedDate: 1104 });
      expect(JSON.stringify(page)).not.toContain('Jane');
    });

    it('lists a user’s sessions in CreationDate order, paged, with status, tag and divergence', async () => {
      const history = await listScenario();
      const projected = await fresh();
      await catchUpAll(history.store, projected);
      const rm = projected.readModel;
      const first = await must(rm.listUserSessions('u1', { page: 1, perPage: 2, sort: 'CreationDate:ASC' }));
      expect(first).toEqual({
        items: [
          { sessionId: 's3', userId: 'u1', status: 'PENDING', tag: null, creationDate: 999, diverged: true },
          { sessionId: 's1', userId: 'u1', status: 'VALIDATED', tag: 'a', creationDate: 1000, diverged: false },
        ],
        totalItems: 3,
        totalPages: 2,
      });
      const descending = await must(rm.listUserSessions('u1', { page: 1, perPage: 2, sort: 'CreationDate:DESC' }));
      expect(descending.items.map((s) => s.sessionId)).toEqual(['s2', 's1']);
      expect((await must(rm.listUserSessions('u3', { page: 1, perPage: 10, sort: 'CreationDate:ASC' }))).items.map((s) => s.sessionId)).toEqual(['s4']);
      expect(await must(rm.listUserSessions('u2', { page: 1, perPage: 10, sort: 'CreationDate:ASC' }))).toEqual({ items: [], totalItems: 0, totalPages: 0 });
    });

    it('says what each type of user still misses for REGULAR, as the domain rules it', async () => {
      const h = kycHistory();
      await h.user('natural', NATURAL_OWNER);
      await h.user('soletrader', SOLETRADER_OWNER, 'REGULAR');
      await h.user('business', BUSINESS_OWNER);
      await h.user('organization', ORGANIZATION_PAYER);
      const projected = await fresh();
      await catchUpAll(h.store, projected);
      const rm = projected.readModel;
      expect(await must(rm.userKyc('natural'))).toEqual({
        userId: 'natural',
        personType: 'NATURAL',
        legalPersonType: null,
        userCategory: 'OWNER',
        kycLevel: 'LIGHT',
        missingForRegular: ['IDENTITY_PROOF'],
        validatedDocumentIds: [],
        validatedSessionIds: [],
        validatedUboDeclarationIds: [],
        personalDataErasedAt: null,
        anomalies: [],
      });
      expect(await must(rm.userKyc('soletrader'))).toMatchObject({
        personType: 'LEGAL',
        legalPersonType: 'SOLETRADER',
        kycLevel: 'REGULAR',
        missingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF'],
      });
      expect(await must(rm.userKyc('business'))).toMatchObject({
        missingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'UBO_DECLARATION'],
      });
      expect(await must(rm.userKyc('organization'))).toMatchObject({
        legalPersonType: 'ORGANIZATION',
        userCategory: 'PAYER',
        missingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'],
      });
      expect(await must(rm.userKyc('nobody'))).toBeUndefined();
    });

    // Before, the lists had no Flags at all, and a revision on an unchanged status was not even an event.
    it("lists a document's Flags: the refusal's, then Mangopay's revision of them on the same status", async () => {
      const h = kycHistory();
      await h.document('flagged', 'u1', 'IDENTITY_PROOF', 10);
      await h.observeDocument('flagged', { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', processedDate: 20, flags: ['009004'] });
      const projected = await fresh();
      await catchUpAll(h.store, projected);
      const listed = async () => (await must(projected.readModel.listDocuments({ userId: 'u1', page: 1, perPage: 10, sort: 'CreationDate:ASC' }))).items;
      expect(await listed()).toMatchObject([{ documentId: 'flagged', status: 'REFUSED', flags: ['009004'] }]);
      await h.observeDocument('flagged', { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', processedDate: 20, flags: ['009004', '009011'] });
      await catchUpAll(h.store, projected);
      expect(await listed()).toMatchObject([{ documentId: 'flagged', status: 'REFUSED', flags: ['009004', '009011'] }]);
    });

    it('keeps a LegalPersonType and a UserCategory Mangopay added verbatim, flags them, and says REGULAR needs cannot be determined', async () => {
      const h = kycHistory();
      await h.user('cooperative', { personType: 'LEGAL', legalPersonType: { unrecognized: 'COOPERATIVE' }, userCategory: 'OWNER' });
      await h.user('sponsor', { personType: 'NATURAL', userCategory: { unrecognized: 'SPONSOR' } });
      const projected = await fresh();
      await catchUpAll(h.store, projected);
      const rm = projected.readModel;
      expect(await must(rm.userKyc('cooperative'))).toMatchObject({
        legalPersonType: 'COOPERATIVE',
        userCategory: 'OWNER',
        missingForRegular: null,
        anomalies: [{ path: 'user.legalPersonType', rule: 'KnownLegalPersonType' }],
      });
      expect(await must(rm.userKyc('sponsor'))).toMatchObject({
        legalPersonType: null,
        userCategory: 'SPONSOR',
        missingForRegular: null,
        anomalies: [{ path: 'user.userCategory', rule: 'KnownUserCategory' }],
      });
    });

    it('counts a validated document until it goes out of date, and a validated session until it is outdated', async () => {
      const h = kycHistory();
      await h.user('sole', SOLETRADER_OWNER);
      await h.document('id1', 'sole', 'IDENTITY_PROOF', 1000);
      await h.addPage('id1');
      await h.submit('id1');
      await h.observeDocument('id1', { status: 'VALIDATED', processedDate: 1001 });
      await h.recordDocumentForUser('sole', 'id1', 'IDENTITY_PROOF', 'VALIDATED');
      const projected = await fresh();
      await catchUpAll(h.store, projected);
      const rm = projected.readModel;
      expect(await must(rm.userKyc('sole'))).toMatchObject({ missingForRegular: ['REGISTRATION_PROOF'], validatedDocumentIds: ['id1'] });

      await h.observeDocument('id1', { status: 'OUT_OF_DATE' });
      await h.recordDocumentForUser('sole', 'id1', 'IDENTITY_PROOF', 'OUT_OF_DATE');
      await catchUpAll(h.store, projected);
      expect(await must(rm.userKyc('sole'))).toMatchObject({ missingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF'], validatedDocumentIds: [] });

      await h.startSession('idv1', 'sole', SOLETRADER_OWNER, 1002);
      await h.observeSession('idv1', 'VALIDATED');
      await h.recordSessionForUser('sole', 'idv1', 'VALIDATED');
      await catchUpAll(h.store, projected);
      expect(await must(rm.userKyc('sole'))).toMatchObject({ missingForRegular: [], validatedSessionIds: ['idv1'] });

      await h.observeSession('idv1', 'OUTDATED');
      await h.recordSessionForUser('sole', 'idv1', 'OUTDATED');
      await h.user('sole', BUSINESS_OWNER, 'REGULAR');
      await catchUpAll(h.store, projected);
      expect(await must(rm.userKyc('sole'))).toMatchObject({
        legalPersonType: 'BUSINESS',
        kycLevel: 'REGULAR',
        missingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'UBO_DECLARATION'],
        validatedSessionIds: [],
      });
    });

    it("counts a Business's UBO declaration while Mangopay shows it VALIDATED; a refused one never", async () => {
      const h = kycHistory();
      await h.user('biz', BUSINESS_OWNER);
      await h.observeUboDeclaration('biz', 'ubo1', 'REFUSED');
      const projected = await fresh();
      await catchUpAll(h.store, projected);
      const rm = projected.readModel;
      expect(await must(rm.userKyc('biz'))).toMatchObject({ missingForRegular: expect.arrayContaining(['UBO_DECLARATION']), validatedUboDeclarationIds: [] });
      await h.observeUboDeclaration('biz', 'ubo2', 'VALIDATION_ASKED');
      await h.observeUboDeclaration('biz', 'ubo2', 'VALIDATED');
      await catchUpAll(h.store, projected);
      expect(await must(rm.userKyc('biz'))).toMatchObject({
        missingForRegular: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'],
        validatedUboDeclarationIds: ['ubo2'],
      });
      // Mangopay's view moved on (an anomaly, recorded as Mangopay shows it): it no longer counts.
      await h.observeUboDeclaration('biz', 'ubo2', 'INCOMPLETE');
      await catchUpAll(h.store, projected);
      expect(await must(rm.userKyc('biz'))).toMatchObject({ missingForRegular: expect.arrayContaining(['UBO_DECLARATION']), validatedUboDeclarationIds: [] });
    });

    it("shows when a user's personal data was erased, and nothing else changes (the lists hold no personal data)", async () => {
      const h = kycHistory();
      await h.user('sole', SOLETRADER_OWNER, 'REGULAR');
      await h.startSession('idv1', 'sole', SOLETRADER_OWNER, 1002);
      await h.observeSession('idv1', 'VALIDATED');
      await h.recordSessionForUser('sole', 'idv1', 'VALIDATED');
      const projected = await fresh();
      await catchUpAll(h.store, projected);
      const rm = projected.readModel;
      const before = await must(rm.userKyc('sole'));
      expect(before?.personalDataErasedAt).toBeNull();

      await h.erase('sole', 1_900_000_000);
      await catchUpAll(h.store, projected);
      expect(await must(rm.userKyc('sole'))).toEqual({ ...before, personalDataErasedAt: 1_900_000_000 });
      // Mangopay's later word on the user still counts; the erasure stays shown.
      await h.user('sole', SOLETRADER_OWNER, 'LIGHT');
      await catchUpAll(h.store, projected);
      expect(await must(rm.userKyc('sole'))).toMatchObject({ kycLevel: 'LIGHT', personalDataErasedAt: 1_900_000_000 });
      expect(await must(rm.listUserSessions('sole', { page: 1, perPage: 10, sort: 'CreationDate:ASC' }))).toMatchObject({ items: [{ sessionId: 'idv1', status: 'VALIDATED' }] });
    });

    it('shows an erasure recorded before Mangopay\'s user was ever seen, once the user is (in one batch or event by event)', async () => {
      const h = kycHistory();
      await h.erase('early', 1_900_000_000);
      await h.user('early', SOLETRADER_OWNER, 'LIGHT');
      const projected = await fresh();
      await catchUpAll(h.store, projected);
      expect(await must(projected.readModel.userKyc('early'))).toMatchObject({ kycLevel: 'LIGHT', personalDataErasedAt: 1_900_000_000 });

      const rebuilt = await fresh();
      await catchUpAll(h.store, rebuilt, 1);
      expect(await must(rebuilt.readModel.userKyc('early'))).toMatchObject({ kycLevel: 'LIGHT', personalDataErasedAt: 1_900_000_000 });
    });

    it('changes nothing when batches are delivered again (at least once), whole or overlapping', async () => {
      const history = await listScenario();
      const projected = await fresh();
      const done = await catchUpAll(history.store, projected, 5);
      const before = await answers(projected.readModel);
      const events = await allEvents(history.store);
      const position = done.position as bigint;
      const again = (batch: ReadonlyArray<RecordedEvent>) =>
        must(projected.checkpoints.advance(KYC_READ_MODEL_PROJECTION, position, position, (tx) => projected.projection.apply(batch, tx)));
      await again(events);
      await again(events.slice(3, 20));
      await again(events.slice(events.length - 4));
      // Old events alone, without what came after them in their streams: the row versions keep them out.
      await again(events.filter((event) => ['UserKycDocumentValidated', 'KycPageAdded', 'KycDocumentSubmitted', 'IdvSessionStarted'].includes(event.type)));
      expect(await answers(projected.readModel)).toEqual(before);
    });

    it('rebuilds aside: the previous answers are served until the switch, then the rebuilt ones, and the catch-up resumes from there', async () => {
      const history = await listScenario();
      const projected = await fresh();
      await catchUpAll(history.store, projected);
      const before = await answers(projected.readModel);
      // Events the served read model has not applied yet: the rebuilt one shows them.
      await history.startSession('s9', 'u2', SOLETRADER_OWNER, 2000);
      await history.document('d08', 'u3', 'IDENTITY_PROOF', 1040);
      const events = await allEvents(history.store);
      const reference = await fresh();
      await catchUpAll(history.store, reference);
      const expected = await answers(reference.readModel);
      expect(expected).not.toEqual(before);

      // Every page the rebuild reads comes after the batches it has committed aside: the served answers must not move.
      const served: Array<Awaited<ReturnType<typeof answers>>> = [];
      const progress: RebuildProgress[] = [];
      const rebuilt = await must(
        rebuildKycReadModel({
          events: observingReads(history.store, async () => void served.push(await answers(projected.readModel))),
          readModel: projected,
          batchSize: 4,
          totalEvents: events.length,
          onProgress: (p) => progress.push(p),
        }),
      );
      expect(served.length).toBe(Math.ceil(events.length / 4) + 1);
      for (const answer of served) expect(answer).toEqual(before);
      expect(rebuilt).toEqual({ applied: events.length, position: events[events.length - 1]?.globalPosition, unreadable: [] });
      expect(progress.map((p) => p.applied)).toEqual(Array.from({ length: Math.ceil(events.length / 4) }, (_, i) => Math.min(events.length, 4 * (i + 1))));
      expect(progress.every((p) => p.total === events.length)).toBe(true);
      expect(progress[progress.length - 1]?.position).toBe(events[events.length - 1]?.globalPosition);
      expect(await answers(projected.readModel)).toEqual(expected);

      // The served read model's own runner goes on from the switched checkpoint.
      expect(await projected.checkpoints.read(KYC_READ_MODEL_PROJECTION)()).toEqual(E.right(events[events.length - 1]?.globalPosition));
      expect((await catchUpAll(history.store, projected)).applied).toBe(0);
      await history.startSession('s10', 'u3', BUSINESS_OWNER, 2001);
      expect((await catchUpAll(history.store, projected)).applied).toBe(1);
      expect((await must(projected.readModel.listUserSessions('u3', { page: 1, perPage: 10, sort: 'CreationDate:ASC' }))).items.map((s) => s.sessionId)).toEqual(['s4', 's10']);
      // A second rebuild finds no copy left behind by the first.
      expect((await must(rebuildKycReadModel({ events: history.store, readModel: projected }))).applied).toBe(events.length + 1);
    });

    it('leaves the previous read model and its checkpoint serving when a rebuild fails half-way', async () => {
      const history = await listScenario();
      const projected = await fresh();
      const caughtUp = await catchUpAll(history.store, projected);
      const before = await answers(projected.readModel);
      const failed = await rebuildKycReadModel({ events: failingOnRead(history.store, 3), readModel: projected, batchSize: 4 })();
      expect(failed).toMatchObject({ _tag: 'Left', left: { type: 'EVENT_STORE_UNAVAILABLE' } });
      expect(await answers(projected.readModel)).toEqual(before);
      expect(await projected.checkpoints.read(KYC_READ_MODEL_PROJECTION)()).toEqual(E.right(caughtUp.position));
      await history.startSession('s9', 'u2', SOLETRADER_OWNER, 2000);
      expect((await catchUpAll(history.store, projected)).applied).toBe(1);
      expect((await must(rebuildKycReadModel({ events: history.store, readModel: projected }))).unreadable).toEqual([]);
      expect(await must(projected.readModel.listUserSessions('u2', { page: 1, perPage: 10, sort: 'CreationDate:ASC' }))).toMatchObject({ totalItems: 1 });
    });

    it('sets a stream aside from its first unreadable event, projects every other stream, and names it with its version', async () => {
      const h = kycHistory();
      await h.user('u1', NATURAL_OWNER);
      await h.user('u2', NATURAL_OWNER);
      await h.document('bad', 'u1', 'IDENTITY_PROOF', 1000);
      await h.document('good1', 'u1', 'ADDRESS_PROOF', 1001);
      // Version 2 no longer says which document it is about; version 3 reads well but builds on it.
      await must(h.store.appendToStream('KycDocument-bad', ExpectedVersion.exact(1), [anEvent({ note: 'damaged' }, 'KycPageAdded')]));
      await must(h.store.appendToStream('KycDocument-bad', ExpectedVersion.exact(2), [anEvent({ type: 'KycDocumentSubmitted', documentId: 'bad' }, 'KycDocumentSubmitted')]));
      await h.document('good2', 'u2', 'IDENTITY_PROOF', 1002);
      await h.addPage('good2');
      const events = await allEvents(h.store);
      const projected = await fresh();
      const rebuilt = await must(rebuildKycReadModel({ events: h.store, readModel: projected, batchSize: 2 }));
      expect(rebuilt.applied).toBe(events.length);
      expect(rebuilt.unreadable).toEqual([
        expect.objectContaining({ type: 'READ_MODEL_EVENT_UNREADABLE', streamName: 'KycDocument-bad', streamVersion: 2, faults: expect.arrayContaining([{ path: 'documentId', rule: 'MangopayId' }]) }),
      ]);
      expect((await ids(projected.readModel, {})).ids).toEqual(['bad', 'good1', 'good2']);
      const listed = await must(projected.readModel.listDocuments(ALL));
      expect(listed.items.find((d) => d.documentId === 'bad')).toMatchObject({ status: 'CREATED', pageCount: 0 });
      expect(listed.items.find((d) => d.documentId === 'good2')).toMatchObject({ pageCount: 1 });
      expect(await must(projected.readModel.userKyc('u2'))).toMatchObject({ userId: 'u2' });
      expect(await projected.checkpoints.read(KYC_READ_MODEL_PROJECTION)()).toEqual(E.right(events[events.length - 1]?.globalPosition));
    });

    it('sets a stream aside from an event it cannot read, names it once, and goes on with every other stream', async () => {
      const h = kycHistory();
      await h.user('u1', NATURAL_OWNER);
      await h.document('good1', 'u1', 'IDENTITY_PROOF', 1000);
      const setAside: Array<{ readonly streamName: string; readonly streamVersion: number }> = [];
      const projected = await fresh({ onStreamSetAside: (unreadable) => setAside.push(unreadable) });
      await catchUpAll(h.store, projected);
      await h.document('good2', 'u1', 'ADDRESS_PROOF', 1001);
      // A document created without its CreationDate: not an event the domain could have written.
      const broken = anEvent({ type: 'KycDocumentCreated', documentId: 'bad', userId: 'u1', documentType: 'IDENTITY_PROOF' }, 'KycDocumentCreated');
      await must(h.store.appendToStream('KycDocument-bad', ExpectedVersion.noStream, [broken]));
      // Later events of the damaged stream build on the one missing: they are left out too.
      await must(h.store.appendToStream('KycDocument-bad', ExpectedVersion.exact(1), [anEvent({ documentId: 'bad', source: 'platform' }, 'KycDocumentSubmitted')]));
      await h.document('good3', 'u1', 'ADDRESS_PROOF', 1002);
      const caughtUp = await catchUpAll(h.store, projected);
      expect(caughtUp.position).toEqual(await must(h.store.lastPosition()));
      expect((await ids(projected.readModel, {})).ids.sort()).toEqual(['good1', 'good2', 'good3']);
      expect(setAside).toMatchObject([{ type: 'READ_MODEL_EVENT_UNREADABLE', streamName: 'KycDocument-bad', streamVersion: 1, faults: [{ path: 'creationDate' }] }]);
    });

    it('ignores streams that are not documents, sessions or users', async () => {
      const h = kycHistory();
      await h.document('d1', 'u1', 'IDENTITY_PROOF', 1000);
      await must(h.store.appendToStream('WebhookInbox-1', ExpectedVersion.any, [anEvent({ anything: true })]));
      const projected = await fresh();
      expect((await catchUpAll(h.store, projected)).applied).toBe(2);
      expect((await ids(projected.readModel, {})).ids).toEqual(['d1']);
    });
  });
};

/** For stores that outlive their connection: another instance resumes from the stored checkpoint. */
export const describeKycReadModelRestart = <Tx>(subject: ReadModelSubject<Tx>): void => {
  describe(`KYC read model on ${subject.name}, restarted`, () => {
    it('answers the same after a restart and resumes from its checkpoint', async () => {
      const history = await listScenario();
      const opened = await subject.fresh();
      try {
        await catchUpAll(history.store, opened.projected, 6);
        const before = await answers(opened.projected.readModel);
        await opened.projected.close();
        const reopened = await (opened.reopen as () => Promise<ProjectedKycReadModel<Tx>>)();
        expect(await answers(reopened.readModel)).toEqual(before);
        expect((await catchUpAll(history.store, reopened)).applied).toBe(0);
        await history.startSession('s9', 'u2', SOLETRADER_OWNER, 2000);
        expect((await catchUpAll(history.store, reopened)).applied).toBe(1);
        expect((await must(reopened.readModel.listUserSessions('u2', { page: 1, perPage: 5, sort: 'CreationDate:ASC' }))).totalItems).toBe(1);
      } finally {
        await opened.teardown();
      }
    });
  });
};
