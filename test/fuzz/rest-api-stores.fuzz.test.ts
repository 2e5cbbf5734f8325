import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStoreLocation } from '../../src/adapters/composition-root/index.js';
import { AWKWARD_CHARACTERS, failOnUnhandledRejections, fuzzCaseTally, hostileStringArbitrary, markerArbitrary } from '../../src/testing/fuzz/index.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * What the platform API accepts, every store keeps as given: free text (a Tag) with awkward characters goes
 * through the REST API into the event store and the read model of SQLite and PostgreSQL, and comes back the
 * same from the resource (folded from the events) and from the lists (the read model). Text no store can keep
 * as given (NUL, which PostgreSQL's text refuses; lone surrogates, which UTF-8 cannot hold) is refused with a
 * 400 naming the Tag. Before that refusal, one Tag with a NUL stopped PostgreSQL's read model for everyone.
 */
failOnUnhandledRejections();
const tally = fuzzCaseTally('platform REST API over the SQL stores (free text round trip)');

const KEY = 'store-fuzz-key-0123456789abcdef0123456789abcdef';
const HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const RUNS = Number(process.env['KYC_FUZZ_RUNS'] ?? 150);

const tagArbitrary = fc.oneof(
  hostileStringArbitrary,
  fc.string({ unit: 'binary', maxLength: 255 }),
  fc.array(fc.constantFrom(...AWKWARD_CHARACTERS), { maxLength: 12 }).map((parts) => parts.join('')),
  markerArbitrary,
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', '\ud83d\ude00 ok', 'é'.repeat(255), 'x'.repeat(256)),
);

const storeSuite = (name: string, location: () => EventStoreLocation) => {
  describe(`free text through the REST API on ${name}`, () => {
    let service: ServiceUnderTest;
    beforeAll(async () => {
      service = await startServiceUnderTest({ apiKeys: [KEY], eventStore: location(), logLevel: 'warn' });
    }, 60_000);
    afterAll(async () => {
      await service?.close();
    });

    it('a Tag is refused with a 400 naming it, or kept exactly, in the resource and in the lists', async () => {
      const get = async (url: string) => {
        const answer = await service.app.inject({ method: 'GET', url, headers: HEADERS });
        expect(answer.statusCode, answer.body.slice(0, 300)).toBe(200);
        return answer.json() as any;
      };
      await fc.assert(
        fc.asyncProperty(tagArbitrary, tagArbitrary, async (documentTag, sessionTag) => {
          tally.count(name);
          const userId = await service.platform.createNaturalOwner();
          const post = (url: string, body: unknown) => service.app.inject({ method: 'POST', url, headers: HEADERS, payload: JSON.stringify(body) });
          const created = await post(`/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF', Tag: documentTag });
          const started = await post(`/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back', Tag: sessionTag });
          for (const [answer, tag] of [[created, documentTag], [started, sessionTag]] as const) {
            const storable = tag.length <= 255 && !tag.includes('\u0000') && Buffer.from(tag, 'utf8').toString('utf8') === tag;
            expect(answer.statusCode, answer.body.slice(0, 300)).toBe(storable ? 201 : 400);
            if (!storable) expect(answer.json()).toMatchObject({ type: 'INVALID_INPUT', faults: [{ path: 'Tag' }] });
          }
          if (created.statusCode === 201) {
            const id = (created.json() as { Id: string }).Id;
            expect((await get(`/kyc/documents/${id}`)).Tag).toBe(documentTag);
            expect((await get(`/users/${userId}/kyc/documents`)).map((d: { Id: string; Tag: string }) => [d.Id, d.Tag])).toEqual([[id, documentTag]]);
          }
          if (started.statusCode === 201) {
            const id = (started.json() as { Id: string }).Id;
            expect((await get(`/identity-verifications/${id}`)).Tag).toBe(sessionTag);
            expect((await get(`/users/${userId}/identity-verifications`)).map((s: { Id: string; Tag: string }) => [s.Id, s.Tag])).toEqual([[id, sessionTag]]);
          }
        }),
        { numRuns: RUNS },
      );
    }, 180_000);
  });
};

const directory = temporaryDirectory('rest-stores-fuzz');
afterAll(() => directory.remove());
storeSuite('SQLite', () => ({ kind: 'sqlite', filename: `${directory.path}/kyc.sqlite` }));

const postgres = await postgresForTests('rest-stores-fuzz');
const database = `kyc_rest_fuzz_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
postgres.describe('PostgreSQL', () => {
  beforeAll(async () => {
    await postgres.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  const url = new URL(postgres.connectionString);
  url.pathname = `/${database}`;
  storeSuite('PostgreSQL', () => ({ kind: 'postgres', connectionString: url.toString() }));
});
