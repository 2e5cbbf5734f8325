import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { LightMyRequestResponse as InjectedResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlobalPosition } from '../../src/application/ports/event-store.js';
import { KYC_DOCUMENT_STATUSES, KYC_DOCUMENT_TYPES } from '../../src/domain/kyc-document/index.js';
import {
  failOnUnhandledRejections,
  fuzzCaseTally,
  hostileJsonTextArbitrary,
  hostileStringArbitrary,
  hostileVariantsOf,
  markerArbitrary,
  markersIn,
  wrongContentTypeArbitrary,
} from '../../src/testing/fuzz/index.js';
import { pageFile } from '../support/page-files.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { hostileQueryStringArbitrary, percentEncoded, type QueryVocabulary } from './support/hostile-query-strings.js';

/**
 * The platform REST API fuzzed through the real fastify app (inject, so thousands of requests stay fast), on
 * the in-memory store and the in-process simulator. For every hostile request: never a 5xx; a 4xx is JSON
 * naming the fault (a stable `type`, a message, and for bad input the faults' paths and rules); a refused
 * request writes nothing; no marker (a value that looks like personal data or a secret) comes back in the
 * answer or shows in any log line, written at `trace` so that nothing the service could log is missed.
 */
failOnUnhandledRejections();
const tally = fuzzCaseTally('platform REST API (fastify inject, in-memory store, simulator)');

const KEY = 'rest-fuzz-key-0123456789abcdef0123456789abcdef';
const AUTH = { authorization: `Bearer ${KEY}` };
/** A read-only key: every write is refused to it (403), whatever the request holds. */
const AUDITOR_KEY = 'rest-fuzz-auditor-key-0123456789abcdef01234567';
const RUNS = Number(process.env['KYC_FUZZ_RUNS'] ?? 200);

let service: ServiceUnderTest;
let userId: string;
/** A CREATED document that pages are added to. */
let pagesDocument: string;
/** A document with a page, that submissions go to. */
let submitDocument: string;
/** A document no fuzzed request writes to: its timeline holds nothing a request chose (no Tag, no Idempotency-Key). */
let auditedDocument: string;
let position: GlobalPosition | undefined;

const inject = (request: { method: 'GET' | 'POST' | 'PUT'; url: string; headers?: Record<string, string>; payload?: string }) =>
  service.app.inject({ method: request.method, url: request.url, headers: request.headers ?? {}, ...(request.payload === undefined ? {} : { payload: request.payload }) });

/**
 * The fields a platform sets and gets back on its own resources (Mangopay echoes them too), and in the audit
 * timeline of the events that recorded them: not a leak. Every other place a marker shows is one.
 */
const ECHOED_FIELDS = new Set(['Tag', 'ReturnUrl', 'tag', 'returnUrl']);
const withoutEchoedFields = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), (key, value: unknown) => (ECHOED_FIELDS.has(key) ? undefined : value));
  } catch {
    return text;
  }
};

/** The events written since the last call. */
const newEvents = async (): Promise<number> => {
  const read = await service.runtime.core.store.readAll({ ...(position === undefined ? {} : { after: position }), maxCount: 1_000 })();
  if (E.isLeft(read)) throw new Error(read.left.message);
  const last = read.right[read.right.length - 1];
  if (last !== undefined) position = last.globalPosition;
  return read.right.length;
};

/** What each boundary answered (status and type), so a test can check the fuzz reached past the first check. */
const outcomes = new Map<string, Map<string, number>>();
const outcomeOf = (answer: InjectedResponse): string => {
  if (answer.statusCode < 400) return String(answer.statusCode);
  return `${answer.statusCode} ${(answer.json() as { type?: string }).type ?? '?'}`;
};
const record = (boundary: string, answer: InjectedResponse): void => {
  const seen = outcomes.get(boundary) ?? new Map<string, number>();
  const outcome = outcomeOf(answer);
  seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
  outcomes.set(boundary, seen);
};
const outcomesOf = (boundary: string): ReadonlyArray<string> => [...(outcomes.get(boundary)?.keys() ?? [])];

/** Everything every answer must be, whatever was asked. */
const expectWellBehaved = async (boundary: string, answer: InjectedResponse): Promise<void> => {
  tally.count(boundary);
  const logs = service.newLogText();
  expect(answer.statusCode, `answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  record(boundary, answer);
  if (answer.statusCode >= 400) {
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const body = answer.json() as { type?: unknown; message?: unknown; faults?: unknown };
    expect(body.type).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(typeof body.message === 'string' && body.message.length > 0).toBe(true);
    if (body.type === 'INVALID_INPUT') {
      expect(Array.isArray(body.faults) && body.faults.length > 0).toBe(true);
      for (const fault of body.faults as ReadonlyArray<{ path: unknown; rule: unknown }>) {
        expect(typeof fault.path === 'string' && typeof fault.rule === 'string').toBe(true);
      }
    }
    expect(await newEvents(), 'a refused request wrote events').toBe(0);
  } else {
    await newEvents();
  }
  const shown = answer.statusCode < 300 ? withoutEchoedFields(answer.body) : answer.body;
  expect(markersIn(shown + JSON.stringify(answer.headers)), 'a marker came back in the answer').toEqual([]);
  expect(markersIn(logs), 'a marker was logged').toEqual([]);
  expect(logs.includes(KEY), 'the API key was logged').toBe(false);
  expect(logs.includes(AUDITOR_KEY), 'the auditor key was logged').toBe(false);
};

beforeAll(async () => {
  service = await startServiceUnderTest({ apiKeys: [KEY, { key: AUDITOR_KEY, role: 'auditor' }] });
  userId = await service.platform.createNaturalOwner();
  const create = async (): Promise<string> => {
    const answer = await inject({ method: 'POST', url: `/users/${userId}/kyc/documents`, headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"Type":"IDENTITY_PROOF"}' });
    if (answer.statusCode !== 201) throw new Error(`setup: ${answer.statusCode} ${answer.body}`);
    return (answer.json() as { Id: string }).Id;
  };
  pagesDocument = await create();
  submitDocument = await create();
  auditedDocument = await create();
  const page = await inject({
    method: 'POST',
    url: `/users/${userId}/kyc/documents/${submitDocument}/pages`,
    headers: { ...AUTH, 'content-type': 'application/json' },
    payload: JSON.stringify({ File: pageFile('PNG', 1100) }),
  });
  if (page.statusCode !== 201) throw new Error(`setup: ${page.statusCode} ${page.body}`);
  await newEvents();
  service.newLogText();
}, 60_000);
afterAll(async () => {
  if (process.env['KYC_FUZZ_OUTCOMES'] === '1') for (const [boundary, seen] of outcomes) console.info(boundary, Object.fromEntries(seen));
  await service?.close();
});

const optionalTag = fc.option(fc.oneof(fc.string({ maxLength: 40 }), markerArbitrary), { nil: undefined });
const withTag = <T extends object>(body: T, tag: string | undefined) => (tag === undefined ? body : { ...body, Tag: tag });

interface WritingRoute {
  readonly name: string;
  readonly method: 'POST' | 'PUT';
  readonly url: () => string;
  readonly valid: fc.Arbitrary<Readonly<Record<string, unknown>>>;
}

const WRITING_ROUTES: ReadonlyArray<WritingRoute> = [
  {
    name: 'POST /users/:userId/kyc/documents',
    method: 'POST',
    url: () => `/users/${userId}/kyc/documents`,
    valid: fc.tuple(fc.constantFrom(...KYC_DOCUMENT_TYPES), optionalTag).map(([Type, tag]) => withTag({ Type }, tag)),
  },
  {
    name: 'POST /users/:userId/kyc/documents/:documentId/pages',
    method: 'POST',
    url: () => `/users/${userId}/kyc/documents/${pagesDocument}/pages`,
    valid: fc.constantFrom(pageFile('PNG', 1100), pageFile('PDF', 2048), pageFile('JPEG', 1500)).map((File) => ({ File })),
  },
  {
    name: 'PUT /users/:userId/kyc/documents/:documentId',
    method: 'PUT',
    url: () => `/users/${userId}/kyc/documents/${submitDocument}`,
    valid: optionalTag.map((tag) => withTag({ Status: 'VALIDATION_ASKED' }, tag)),
  },
  {
    name: 'POST /users/:userId/identity-verifications',
    method: 'POST',
    url: () => `/users/${userId}/identity-verifications`,
    valid: fc
      .tuple(fc.constantFrom('https://platform.example/back', 'https://platform.example/return?step=2'), optionalTag)
      .map(([ReturnUrl, tag]) => withTag({ ReturnUrl }, tag)),
  },
];

/** JSON.stringify, except for a value it cannot write (too deep for its recursion): then a text that is as deep. */
const jsonText = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value);
  } catch {
    return `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  }
};

/** Header values a client can put on the wire (visible ASCII and inner spaces). */
const headerSafe = (text: string): string | undefined => (/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(text) ? text : undefined);

const hostileBody = (valid: fc.Arbitrary<Readonly<Record<string, unknown>>>) =>
  fc.record({
    payload: fc.oneof(
      { weight: 3, arbitrary: hostileJsonTextArbitrary },
      { weight: 5, arbitrary: hostileVariantsOf(valid).map(jsonText) },
      { weight: 1, arbitrary: valid.map(jsonText) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, '') },
    ),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON') },
      { weight: 2, arbitrary: wrongContentTypeArbitrary },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    idempotencyKey: fc.option(
      fc.oneof(fc.constantFrom('retry-1', 'retry-2', 'a'.repeat(129), 'with space', 'ok:1.2_3-4'), markerArbitrary, hostileStringArbitrary.map(headerSafe)),
      { nil: undefined },
    ),
  });

describe('REST bodies on every writing route', () => {
  for (const route of WRITING_ROUTES) {
    it(`${route.name}: hostile bodies, content types and Idempotency-Keys`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileBody(route.valid), async ({ payload, contentType, idempotencyKey }) => {
          const headers: Record<string, string> = { ...AUTH };
          if (contentType !== undefined) headers['content-type'] = contentType;
          if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
          await expectWellBehaved(`REST body: ${route.name}`, await inject({ method: route.method, url: route.url(), headers, ...(payload === undefined ? {} : { payload }) }));
        }),
        { numRuns: RUNS },
      );
    }, 120_000);
  }

  it('reached past the parsers and codecs on every route (a fuzz that only met the JSON parser proves little)', () => {
    const shallow = /^(400 JSON_|400 INVALID_INPUT|415 )/;
    for (const route of WRITING_ROUTES) {
      const seen = outcomesOf(`REST body: ${route.name}`);
      expect(seen.some((outcome) => !shallow.test(outcome)), `${route.name}: ${seen.join(', ')}`).toBe(true);
      for (const expected of [/^400 JSON_/, /^400 INVALID_INPUT$/, /^415 /]) expect(seen.some((outcome) => expected.test(outcome)), `${route.name}: ${seen.join(', ')}`).toBe(true);
    }
  });
});

const DATES = ['0', '1700000000', '-1', '999999999999', '9999999999999', '1.5', 'NaN', 'Infinity', '-0', '2024-01-01T00:00:00Z', 'Invalid Date'];
const PAGING: QueryVocabulary['known'] = {
  Page: ['1', '2', '1000000', '1000001', '0', '-1', '1.5', '1e3', '01', ' 1', '9007199254740993'],
  Per_Page: ['1', '10', '100', '101', '0', '-0', 'NaN'],
  Sort: ['CreationDate:ASC', 'CreationDate:DESC', 'creationdate:asc', 'CreationDate', 'CreationDate:DESC,CreationDate:ASC'],
};
const statuses = [...KYC_DOCUMENT_STATUSES, 'VALIDATED,REFUSED', 'CREATED, VALIDATION_ASKED', ',', 'CREATED,,', 'SUCCEEDED', 'CREATED,'.repeat(21)];
const types = [...KYC_DOCUMENT_TYPES, 'IDENTITY_PROOF,ADDRESS_PROOF', 'identity_proof', 'IDENTITY_PROOF,'.repeat(21)];

interface ListRoute {
  readonly name: string;
  readonly path: () => string;
  readonly vocabulary: QueryVocabulary;
}

const LIST_ROUTES: ReadonlyArray<ListRoute> = [
  {
    name: 'GET /kyc/documents',
    path: () => '/kyc/documents',
    vocabulary: { known: { ...PAGING, BeforeDate: DATES, AfterDate: DATES, Status: statuses, Type: types } },
  },
  {
    name: 'GET /users/:userId/kyc/documents',
    path: () => `/users/${userId}/kyc/documents`,
    vocabulary: { known: { ...PAGING, BeforeDate: DATES, AfterDate: DATES, Status: statuses } },
  },
  { name: 'GET /users/:userId/identity-verifications', path: () => `/users/${userId}/identity-verifications`, vocabulary: { known: PAGING } },
  { name: 'GET /audit/:stream', path: () => `/audit/KycDocument-${auditedDocument}`, vocabulary: { known: { format: ['text', 'json', 'TEXT', 'xml', ''] } } },
];

describe('REST query strings on every list route', () => {
  for (const route of LIST_ROUTES) {
    it(`${route.name}: hostile query strings`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileQueryStringArbitrary(route.vocabulary), async (query) => {
          await expectWellBehaved(`REST query string: ${route.name}`, await inject({ method: 'GET', url: `${route.path()}${query}`, headers: AUTH }));
        }),
        { numRuns: RUNS },
      );
    }, 120_000);
  }
});

describe('REST path parameters', () => {
  const templates: ReadonlyArray<readonly ['GET' | 'POST', (id: string) => string]> = [
    ['GET', (id) => `/kyc/documents/${id}`],
    ['GET', (id) => `/identity-verifications/${id}`],
    ['GET', (id) => `/users/${id}/kyc`],
    ['GET', (id) => `/users/${id}/kyc/documents`],
    ['GET', (id) => `/audit/${id}`],
    ['GET', (id) => `/audit/KycDocument-${id}`],
    ['POST', (id) => `/users/${id}/kyc/documents`],
    ['POST', (id) => `/users/${userId}/kyc/documents/${id}/pages`],
  ];
  it('hostile ids in every path: typed 4xx, nothing written, nothing leaked', async () => {
    const segment = fc.oneof(hostileStringArbitrary, markerArbitrary, fc.constantFrom('..', '.', '%2e%2e', 'a'.repeat(256), 'a'.repeat(100_000)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...templates), segment, async ([method, url], id) => {
        const payload = url('x').endsWith('/pages') ? JSON.stringify({ File: pageFile('PNG', 1100) }) : '{"Type":"IDENTITY_PROOF"}';
        await expectWellBehaved(
          'REST path parameters',
          await inject({ method, url: url(percentEncoded(id)), headers: { ...AUTH, 'content-type': 'application/json' }, ...(method === 'POST' ? { payload } : {}) }),
        );
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('REST authentication', () => {
  it('any Authorization but a valid key: 401 naming the scheme, nothing read or written, the key never logged', async () => {
    const wrongAuthorization = fc.oneof(
      fc.constantFrom(
        `Bearer ${KEY} `,
        `Bearer  ${KEY}`,
        `Bearer\t${KEY}`,
        `Bearer ${KEY}x`,
        `Bearer ${KEY.slice(0, -1)}`,
        `Bearer ${KEY.toUpperCase()}`,
        `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`,
        `Token ${KEY}`,
        KEY,
        'Bearer',
        'Bearer ',
        `Bearer ${KEY},Bearer ${KEY}`,
        `Bearer ${'a'.repeat(600)}`,
        `Bearer ${AUDITOR_KEY}x`,
        `Bearer auditor:${AUDITOR_KEY}`,
        `Bearer ${AUDITOR_KEY.slice(1)}`,
      ),
      markerArbitrary.map((marker) => `Bearer ${marker}`),
      hostileStringArbitrary.map((text) => headerSafe(`Bearer ${text}`)),
      fc.constant(undefined),
    );
    const request = fc.oneof(
      fc.constantFrom(...LIST_ROUTES).map((route) => ({ method: 'GET' as const, url: route.path(), payload: undefined })),
      fc.constantFrom(...WRITING_ROUTES).chain((route) => route.valid.map((body) => ({ method: route.method, url: route.url(), payload: JSON.stringify(body) }))),
    );
    await fc.assert(
      fc.asyncProperty(wrongAuthorization, request, async (authorization, { method, url, payload }) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization !== undefined) headers['authorization'] = authorization;
        const answer = await inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
        expect(answer.statusCode).toBe(401);
        expect(answer.headers['www-authenticate']).toBe('Bearer');
        expect(answer.json()).toMatchObject({ type: 'UNAUTHENTICATED' });
        await expectWellBehaved('REST authentication', answer);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('an auditor key on any writing route, whatever the body, content type or Idempotency-Key: 403 ROLE_REQUIRED, nothing written', async () => {
    const request = fc.constantFrom(...WRITING_ROUTES).chain((route) => hostileBody(route.valid).map((hostile) => ({ route, ...hostile })));
    await fc.assert(
      fc.asyncProperty(request, async ({ route, payload, contentType, idempotencyKey }) => {
        const headers: Record<string, string> = { authorization: `Bearer ${AUDITOR_KEY}` };
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
        const answer = await inject({ method: route.method, url: route.url(), headers, ...(payload === undefined ? {} : { payload }) });
        expect(answer.statusCode).toBe(403);
        expect(answer.json()).toMatchObject({ type: 'ROLE_REQUIRED', requiredRoles: ['platform'] });
        await expectWellBehaved('REST authentication: auditor writes', answer);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
