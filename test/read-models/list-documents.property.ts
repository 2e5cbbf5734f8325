import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { expect } from 'vitest';
import { kycDocumentAggregate, userKycAggregate } from '../../src/application/aggregates.js';
import { loadAggregate } from '../../src/application/command-handling/index.js';
import { KYC_READ_MODEL_PROJECTION, type DocumentListQuery, type DocumentSummary, type ProjectedKycReadModel } from '../../src/application/read-models/index.js';
import { rebuild } from '../../src/application/projections/index.js';
import {
  KYC_DOCUMENT_REFUSED_REASON_TYPES,
  KYC_DOCUMENT_STATUSES,
  KYC_DOCUMENT_TYPES,
  isCreated,
} from '../../src/domain/kyc-document/index.js';
import { BUSINESS_OWNER, NATURAL_OWNER, ORGANIZATION_PAYER, SOLETRADER_OWNER, kycHistory, type DocumentObservation } from './kyc-history.js';
import { documentSummaryOfState, naiveDocumentList, userKycSummaryOfState } from './naive-read-model.js';
import { must } from './read-model-subject.js';

/**
 * For random histories of documents (made by the deciders: refused steps are simply not recorded) and random
 * list queries, the read model answers what a plain filter, sort and slice over the folded aggregates gives;
 * and each user's KYC standing is the folded UserKyc's. Fed by a rebuild in random batch sizes, then a random
 * overlapping redelivery.
 */
const USERS = ['u1', 'u2', 'u3'] as const;
const PROFILES = [NATURAL_OWNER, SOLETRADER_OWNER, BUSINESS_OWNER, ORGANIZATION_PAYER];
// Prefixes whose byte order differs from a locale's: the tie-break must follow code units everywhere.
const ID_PREFIXES = ['a', 'B', '_', 'z.', '0', 'a-'];
const option = <A>(arbitrary: fc.Arbitrary<A>) => fc.option(arbitrary, { nil: undefined });

const observation: fc.Arbitrary<DocumentObservation> = fc.oneof(
  fc.record({
    status: fc.constantFrom(...KYC_DOCUMENT_STATUSES),
    processedDate: option(fc.integer({ min: 2000, max: 2010 })),
    refusedReasonType: option(fc.oneof(fc.constantFrom(...KYC_DOCUMENT_REFUSED_REASON_TYPES), fc.constant({ unrecognized: 'NEW_REASON' }))),
  }),
  fc.constant({ status: { unrecognized: 'ARCHIVED' } }),
);

const step = fc.oneof(
  fc.record({ kind: fc.constant('page' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('submit' as const), target: fc.nat(), tag: option(fc.constantFrom('resubmitted', '')) }),
  fc.record({ kind: fc.constant('observe' as const), target: fc.nat(), observation }),
);

// Fine buckets are 2^16 s, coarse ones 2^22 s (4,194,304): dates on both sides of both kinds of edges.
const CREATION_DATES = [1000, 1001, 1006, 65_535, 65_536, 65_537, 131_071, 131_072, 200_000, -1, -65_537, 4_194_303, 4_194_304, 8_388_700, 12_582_912, -4_194_305];
/** Bounds at, around and between the dates, half-seconds included (the API lets non-integer bounds through). */
const dateBound = fc.oneof(
  fc.constantFrom(...CREATION_DATES).chain((date) => fc.constantFrom(date - 1, date, date + 1, date - 0.5, date + 0.5)),
  fc.integer({ min: -70_000, max: 210_000 }),
  fc.integer({ min: -4_300_000, max: 13_000_000 }),
);

const history = fc.record({
  profiles: fc.tuple(...USERS.map(() => fc.record({ profile: fc.constantFrom(...PROFILES), level: fc.constantFrom('LIGHT' as const, 'REGULAR' as const) }))),
  documents: fc.array(
    fc.record({
      prefix: fc.constantFrom(...ID_PREFIXES),
      user: fc.constantFrom(...USERS),
      type: fc.constantFrom(...KYC_DOCUMENT_TYPES),
      // Dates on both sides of the counts' bucket edges (2^16 s) and within one bucket.
      creationDate: fc.constantFrom(...CREATION_DATES),
      tag: option(fc.constantFrom('t', 'other', '')),
    }),
    { maxLength: 10 },
  ),
  steps: fc.array(step, { maxLength: 60 }),
  batchSize: fc.integer({ min: 1, max: 9 }),
  redeliverFrom: fc.nat(),
});

const query: fc.Arbitrary<DocumentListQuery> = fc.record({
  userId: option(fc.constantFrom(...USERS, 'u9')),
  page: fc.integer({ min: 1, max: 4 }),
  perPage: fc.integer({ min: 1, max: 6 }),
  sort: fc.constantFrom('CreationDate:ASC' as const, 'CreationDate:DESC' as const),
  beforeDate: option(dateBound),
  afterDate: option(dateBound),
  statuses: option(fc.subarray([...KYC_DOCUMENT_STATUSES])),
  types: option(fc.subarray([...KYC_DOCUMENT_TYPES])),
});

const EVERYTHING: DocumentListQuery = { page: 1, perPage: 100, sort: 'CreationDate:ASC' };

type Plan = typeof history extends fc.Arbitrary<infer P> ? P : never;

const replay = async (plan: Plan) => {
  const h = kycHistory();
  const documents = kycDocumentAggregate();
  for (const [index, user] of USERS.entries()) await h.user(user, plan.profiles[index]!.profile, plan.profiles[index]!.level);
  const ids = plan.documents.map((d, i) => `${d.prefix}${i}`);
  for (const [i, d] of plan.documents.entries()) await h.document(ids[i]!, d.user, d.type, d.creationDate, d.tag);
  const stateOf = async (documentId: string) => (await must(loadAggregate(h)(documents, documentId))).state;
  for (const s of ids.length === 0 ? [] : plan.steps) {
    const target = ids[s.target % ids.length]!;
    if (s.kind === 'page') await h.attempt.addPage(target);
    if (s.kind === 'submit') await h.attempt.submit(target, s.tag);
    if (s.kind === 'observe' && (await h.attempt.observeDocument(target, s.observation))) {
      // As reconciliation does: the user's stream hears where the document now stands.
      const state = await stateOf(target);
      if (isCreated(state)) await h.recordDocumentForUser(state.userId, target, state.documentType, state.status);
    }
  }
  const summaries: DocumentSummary[] = [];
  for (const id of ids) {
    const summary = documentSummaryOfState(await stateOf(id));
    if (summary !== undefined) summaries.push(summary);
  }
  const users = await Promise.all(
    USERS.map(async (user) => userKycSummaryOfState((await must(loadAggregate(h)(userKycAggregate, user))).state)),
  );
  return { h, summaries, users };
};

export const listDocumentsMatchesTheFoldedAggregates = <Tx>(projected: ProjectedKycReadModel<Tx>, numRuns: number): Promise<void> =>
  fc.assert(
    fc.asyncProperty(history, fc.array(query, { minLength: 1, maxLength: 8 }), async (plan, queries) => {
      const { h, summaries, users } = await replay(plan);
      const dependencies = { events: h.store, checkpoints: projected.checkpoints, projection: projected.projection, batchSize: plan.batchSize };
      const rebuilt = await must(rebuild(dependencies));
      const all = await must(h.store.readAll({ maxCount: 100_000 }));
      const redelivered = all.slice(plan.redeliverFrom % (all.length + 1));
      const position = rebuilt.position as bigint;
      const again = await projected.checkpoints.advance(KYC_READ_MODEL_PROJECTION, position, position, (tx) => projected.projection.apply(redelivered, tx))();
      expect(E.isRight(again)).toBe(true);

      // One query that shows every document, so every listed field of every document is compared each run.
      for (const q of [EVERYTHING, ...queries]) expect(await must(projected.readModel.listDocuments(q))).toEqual(naiveDocumentList(summaries, q));
      for (const [index, user] of USERS.entries()) expect(await must(projected.readModel.userKyc(user))).toEqual(users[index]);
    }),
    { numRuns },
  );
