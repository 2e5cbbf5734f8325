import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { pageFile } from '../support/page-files.js';
import { rawClient } from '../support/simulator-http.js';
import { uboBody, userBody } from '../support/simulator-provider.js';

let simulator: MangopaySimulator;
let http: ReturnType<typeof rawClient>;
let ids: { user: string; legal: string; document: string; session: string; hook: string; declaration: string; ubo: string };

beforeAll(async () => {
  simulator = await startMangopaySimulator({ clientId: 'fuzz', apiKey: 'fuzz-key' });
  http = rawClient(simulator, 'fuzz', 'fuzz-key');
  const user = (await http.call('POST', '/users/natural', userBody({ personType: 'NATURAL', userCategory: 'OWNER' }))).body.Id;
  const legal = (await http.call('POST', '/users/legal', userBody({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }))).body.Id;
  const document = (await http.call('POST', `/users/${user}/kyc/documents`, { Type: 'IDENTITY_PROOF' })).body.Id;
  await http.call('POST', `/users/${user}/kyc/documents/${document}/pages`, { File: pageFile('PNG', 2048) });
  const session = (await http.call('POST', `/users/${legal}/identity-verifications`, { ReturnUrl: 'https://platform.example/back' })).body.Id;
  const hook = (await http.call('POST', '/hooks', { EventType: 'KYC_FAILED', Url: 'https://platform.example/hooks' })).body.Id;
  const declaration = (await http.call('POST', `/users/${legal}/kyc/ubodeclarations`)).body.Id;
  const ubo = (await http.call('POST', `/users/${legal}/kyc/ubodeclarations/${declaration}/ubos`, uboBody())).body.Id;
  ids = { user, legal, document, session, hook, declaration, ubo };
});
afterAll(() => simulator.close());

const ROUTES: ReadonlyArray<readonly [string, (i: typeof ids) => string]> = [
  ['POST', () => '/users/natural'],
  ['POST', () => '/users/legal'],
  ['POST', (i) => `/users/${i.user}/kyc/documents`],
  ['POST', (i) => `/users/${i.user}/kyc/documents/${i.document}/pages`],
  ['PUT', (i) => `/users/${i.user}/kyc/documents/${i.document}`],
  ['POST', (i) => `/users/${i.legal}/identity-verifications`],
  ['POST', () => '/hooks'],
  ['PUT', (i) => `/hooks/${i.hook}`],
  ['POST', (i) => `/users/${i.legal}/kyc/ubodeclarations`],
  ['POST', (i) => `/users/${i.legal}/kyc/ubodeclarations/${i.declaration}/ubos`],
  ['PUT', (i) => `/users/${i.legal}/kyc/ubodeclarations/${i.declaration}`],
  ['PUT', (i) => `/users/${i.legal}/kyc/ubodeclarations/${i.declaration}/ubos/${i.ubo}`],
];

/** Bodies that look like what the endpoints want, with fields of any JSON type in any place. */
const likelyField = fc.constantFrom('Type', 'Tag', 'File', 'Status', 'ReturnUrl', 'EventType', 'Url', 'FirstName', 'Email', 'UserCategory', 'LegalPersonType', 'Birthday', 'LastName', 'Address', 'Nationality', 'Birthplace', 'IsActive');
const body = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(likelyField, fc.jsonValue()),
  fc.string().map((text) => ({ raw: text })),
);

describe('the simulator never answers 5xx to bad input', () => {
  test.prop([fc.integer({ min: 0, max: ROUTES.length - 1 }), body, fc.boolean()], { numRuns: 150 })(
    'random JSON bodies on every writing route',
    async (route, json, asRawText) => {
      const [method, path] = ROUTES[route] as (typeof ROUTES)[number];
      const payload = asRawText ? JSON.stringify(json).slice(0, -1) : json;
      const answer = await http.call(method, path(ids), payload);
      expect(answer.status).toBeLessThan(500);
    },
  );

  test.prop([fc.webSegment(), fc.webQueryParameters(), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE')], { numRuns: 100 })(
    'random paths and query strings',
    async (segment, query, method) => {
      const answer = await http.call(method, `/users/${ids.user}/${segment}?${query}`);
      expect(answer.status).toBeLessThan(500);
      const list = await http.call('GET', `/kyc/documents?${query}`);
      expect(list.status).toBeLessThan(500);
    },
  );
});
