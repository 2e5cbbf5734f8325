import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { idempotencyKeyFor, type AbsoluteUrl, type MangopayApi, type MangopayApiError } from '../../src/application/ports/mangopay-api.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import {
  failOnUnhandledRejections,
  fuzzCaseTally,
  hostileJsonTextArbitrary,
  hostileStringArbitrary,
  hostileVariantsOf,
  httpStatusArbitrary,
  markerArbitrary,
  markersIn,
  paddedText,
  searchableText,
  wrongContentTypeArbitrary,
} from '../../src/testing/fuzz/index.js';
import { startMisbehavingServer, type Misbehaviour, type MisbehavingServer } from './support/misbehaving-server.js';

failOnUnhandledRejections();
const tally = fuzzCaseTally('Mangopay responses (HTTP client against a misbehaving server)');

const NOW = 1_700_000_000;
/** What Mangopay answers when it behaves: one object of each resource the client reads. */
const WIRE = {
  user: { Id: 'user_1', CreationDate: NOW, Tag: null, PersonType: 'NATURAL', KYCLevel: 'LIGHT', UserCategory: 'OWNER' },
  document: {
    Id: 'doc_1',
    UserId: 'user_1',
    Type: 'IDENTITY_PROOF',
    Status: 'CREATED',
    Tag: null,
    CreationDate: NOW,
    ProcessedDate: null,
    RefusedReasonType: null,
    RefusedReasonMessage: null,
  },
  session: {
    Id: 'idv_1',
    UserId: 'user_1',
    Status: 'PENDING',
    HostedUrl: 'https://idv.example/s/1',
    ReturnUrl: 'https://platform.example/back',
    Tag: null,
    CreationDate: NOW,
    LastUpdate: NOW,
    Checks: [
      {
        CheckId: 'chk_1',
        Type: 'IDENTITY_DOCUMENT_VERIFICATION',
        CheckStatus: 'PENDING',
        CreationDate: NOW,
        LastUpdate: NOW,
        Data: [{ Type: 'FIRST_NAME', Value: 'Ada' }],
        Reasons: null,
      },
    ],
  },
  ubo: { Id: 'ubo_1', UserId: 'user_1', CreationDate: NOW, ProcessedDate: null, Status: 'CREATED', Reason: null, Message: null, Ubos: [] },
  hook: { Id: 'hook_1', Url: 'https://platform.example/hooks', EventType: 'KYC_SUCCEEDED', Status: 'ENABLED', Validity: 'VALID', Tag: null, CreationDate: NOW },
} as const;
type Resource = keyof typeof WIRE;

const key = idempotencyKeyFor('cmd-fuzz' as CommandId, 'fuzz');
const USER = 'user_1' as MangopayId;
const DOCUMENT = 'doc_1' as MangopayId;

interface Call {
  readonly name: string;
  readonly resource: Resource;
  readonly list: boolean;
  readonly run: (api: MangopayApi) => TaskEither<MangopayApiError, unknown>;
}

/** Every call of the port, each reading one resource (or a list of them). */
const CALLS: ReadonlyArray<Call> = [
  { name: 'viewUser', resource: 'user', list: false, run: (api) => api.viewUser(USER) },
  { name: 'createKycDocument', resource: 'document', list: false, run: (api) => api.createKycDocument({ userId: USER, type: 'IDENTITY_PROOF' }, key) },
  { name: 'addKycPage', resource: 'document', list: false, run: (api) => api.addKycPage({ userId: USER, documentId: DOCUMENT, file: 'JVBERi0x' }, key) },
  { name: 'submitKycDocument', resource: 'document', list: false, run: (api) => api.submitKycDocument({ userId: USER, documentId: DOCUMENT }) },
  { name: 'viewKycDocument', resource: 'document', list: false, run: (api) => api.viewKycDocument(DOCUMENT) },
  { name: 'listUserKycDocuments', resource: 'document', list: true, run: (api) => api.listUserKycDocuments(USER, { page: 1 }) },
  { name: 'listKycDocuments', resource: 'document', list: true, run: (api) => api.listKycDocuments({ status: ['CREATED'] }) },
  {
    name: 'createIdvSession',
    resource: 'session',
    list: false,
    run: (api) => api.createIdvSession({ userId: USER, returnUrl: 'https://platform.example/back' as HttpsUrl }, key),
  },
  { name: 'viewIdvSession', resource: 'session', list: false, run: (api) => api.viewIdvSession('idv_1' as MangopayId) },
  { name: 'listUserIdvSessions', resource: 'session', list: true, run: (api) => api.listUserIdvSessions(USER) },
  { name: 'listUserUboDeclarations', resource: 'ubo', list: true, run: (api) => api.listUserUboDeclarations(USER) },
  { name: 'viewUboDeclaration', resource: 'ubo', list: false, run: (api) => api.viewUboDeclaration('ubo_1' as MangopayId) },
  {
    name: 'createHook',
    resource: 'hook',
    list: false,
    run: (api) => api.createHook({ eventType: 'KYC_FAILED', url: 'https://platform.example/hooks' as AbsoluteUrl }, key),
  },
  { name: 'listHooks', resource: 'hook', list: true, run: (api) => api.listHooks() },
  { name: 'updateHook', resource: 'hook', list: false, run: (api) => api.updateHook({ hookId: 'hook_1' as MangopayId, status: 'DISABLED' }) },
];

const ERROR_TYPES = [
  'MANGOPAY_REQUEST_REFUSED',
  'RESOURCE_NOT_FOUND',
  'IDEMPOTENCY_KEY_REUSED',
  'MANGOPAY_AUTHENTICATION_FAILED',
  'RATE_LIMITED',
  'MANGOPAY_UNAVAILABLE',
  'MANGOPAY_RESPONSE_INVALID',
  'INVALID_INPUT',
];
const PATH = /^(\(root\)|[A-Za-z0-9_.-]+)$/;

/** JSON text that never throws (a value too deep for JSON.stringify becomes a plain string). */
const text = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '"too deep"';
  }
};

/** A resource with markers where Mangopay puts free text and vocabulary: a valid answer may hold them, an error never. */
const markedResource = (resource: Resource) =>
  fc.tuple(markerArbitrary, markerArbitrary).map(([a, b]) => {
    const wire: Record<string, unknown> = { ...WIRE[resource], Tag: a };
    if ('Status' in wire) wire['Status'] = b;
    if ('RefusedReasonMessage' in wire) wire['RefusedReasonMessage'] = b;
    return wire;
  });

/** Mangopay's error body, with markers in every text it has: its type and field names too. */
const errorBody = fc
  .tuple(
    fc.array(markerArbitrary, { minLength: 4, maxLength: 4 }),
    fc.constantFrom('param_error', 'ressource_not_found', 'idempotent_creation_conflict', 'marker'),
    fc.constantFrom('Tag', 'marker'),
  )
  .map(([[message, reason, id, word = ''], type, field]) => ({
    Message: `Invalid value ${message}`,
    Type: type === 'marker' ? word : type,
    Id: id,
    Date: NOW,
    errors: { [field === 'marker' ? word : field]: `${reason} is not allowed` },
  }));

/** A body for a call, and whether it is JSON of the wrong shape (which must be named by path). */
const bodyFor = (call: Call) => {
  const one = (resource: Resource) => fc.constant(WIRE[resource] as unknown as Readonly<Record<string, unknown>>);
  const shaped = (value: fc.Arbitrary<unknown>) => (call.list ? fc.array(value, { minLength: 1, maxLength: 3 }) : value);
  return fc.oneof(
    { weight: 3, arbitrary: hostileJsonTextArbitrary.map((body) => ({ body, wrongShape: false })) },
    { weight: 4, arbitrary: shaped(hostileVariantsOf(one(call.resource))).map((value) => ({ body: text(value), wrongShape: true })) },
    { weight: 1, arbitrary: fc.constantFrom(...(Object.keys(WIRE) as Resource[])).map((other) => ({ body: text(call.list ? WIRE[other] : [WIRE[other]]), wrongShape: true })) },
    { weight: 2, arbitrary: shaped(markedResource(call.resource)).map((value) => ({ body: text(value), wrongShape: false })) },
    { weight: 2, arbitrary: errorBody.map((value) => ({ body: text(value), wrongShape: false })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(markerArbitrary, fc.integer({ min: 256 * 1024, max: 3 * 1024 * 1024 }))
        .map(([marker, size]) => ({ body: text({ ...WIRE[call.resource], Tag: paddedText(marker, size) }), wrongShape: false })),
    },
    { weight: 1, arbitrary: fc.constant({ body: '', wrongShape: false }) },
  );
};

/** List totals as Mangopay sends them, or broken. */
const listHeaders = fc.oneof(
  fc.constant({ 'x-number-of-items': '1', 'x-number-of-pages': '1' }),
  fc.record({ 'x-number-of-items': fc.constantFrom('-1', '1e3', 'NaN', '99999999999999999999', '', ' 7 ', '0x10'), 'x-number-of-pages': fc.constantFrom('1', 'x') }),
  fc.constant({}),
);

const answerCase = fc.constantFrom(...CALLS).chain((call) =>
  fc.record({
    call: fc.constant(call),
    status: httpStatusArbitrary,
    contentType: fc.oneof({ weight: 4, arbitrary: fc.constant('application/json; charset=utf-8') }, { weight: 1, arbitrary: wrongContentTypeArbitrary }),
    body: bodyFor(call),
    headers: listHeaders,
  }),
);

let server: MisbehavingServer;
let patient: MangopayApi;
/** Short timeouts for the connection faults: only a timeout ends a request nobody answers. */
let impatient: MangopayApi;
const clientFor = (timeoutMs: number) =>
  createMangopayHttpClient({ baseUrl: server.baseUrl, clientId: 'fuzz', apiKey: 'sk_live_fuzzclientsecretkey00000', timeoutMs, maxAttempts: 2, sleep: async () => {}, baseDelayMs: 0 });

beforeAll(async () => {
  server = await startMisbehavingServer();
  patient = clientFor(10_000);
  impatient = clientFor(150);
});
afterAll(() => server.close());

/**
 * The client's promise settles (never rejects) to a typed error or a value; an error never holds a marker.
 * Except in `mangopay`: Mangopay's own error body, which the port keeps as received on purpose (the REST API
 * never serves it and nothing logs it); everything else is this core's text.
 */
const expectTyped = (result: E.Either<MangopayApiError, unknown>): void => {
  if (E.isRight(result)) return;
  const { mangopay: _providerOwnText, ...error } = result.left as MangopayApiError & { readonly mangopay?: unknown };
  expect(ERROR_TYPES).toContain(error.type);
  expect(typeof error.message).toBe('string');
  if (error.type === 'MANGOPAY_RESPONSE_INVALID') {
    expect(error.faults.length).toBeGreaterThan(0);
    for (const fault of error.faults) expect(fault.path).toMatch(PATH);
  }
  expect(markersIn(searchableText(error))).toEqual([]);
};

describe('the Mangopay HTTP client against a misbehaving server', () => {
  it('any status, body and content type: a typed MangopayApiError or a decoded view, never a throw or a marker in an error', async () => {
    await fc.assert(
      fc.asyncProperty(answerCase, async ({ call, status, contentType, body, headers }) => {
        tally.count('status, body and content type');
        server.script({ kind: 'answer', status, contentType, body: body.body, headers: call.list ? headers : {} });
        const result = await call.run(patient)();
        expectTyped(result);
        // JSON of the wrong shape in a success answer is refused, and the fault names where.
        if (body.wrongShape && status >= 200 && status < 300 && E.isLeft(result)) {
          expect(result.left.type).toBe('MANGOPAY_RESPONSE_INVALID');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('connections closed, cut short or never answered: a typed error, never a throw', async () => {
    // A 204, 205 or 304 has no body by HTTP (the length header is ignored), so a body cut short there is no fault:
    // an empty 204 to addKycPage is Mangopay's own success answer.
    const bodyBearingStatus = httpStatusArbitrary.filter((status) => status !== 204 && status !== 205 && status !== 304);
    const fault = fc.oneof(
      fc.constant<Misbehaviour>({ kind: 'destroy' }),
      fc.constant<Misbehaviour>({ kind: 'hang' }),
      fc.tuple(bodyBearingStatus, fc.constantFrom(...CALLS)).map(([status, call]): Misbehaviour => ({ kind: 'cut', status, body: text(WIRE[call.resource]) })),
      fc.tuple(bodyBearingStatus, fc.constantFrom(...CALLS)).map(([status, call]): Misbehaviour => ({ kind: 'short', status, body: text(WIRE[call.resource]) })),
    );
    await fc.assert(
      fc.asyncProperty(fault, fc.constantFrom(...CALLS), async (behaviour, call) => {
        tally.count('connection faults');
        server.script(behaviour);
        const result = await call.run(impatient)();
        expect(E.isLeft(result)).toBe(true);
        expectTyped(result);
      }),
      { numRuns: 60 },
    );
  });

  it('a misbehaving OAuth token endpoint: a typed error, never a throw, never the API key or a marker', async () => {
    const tokenAnswer = fc.oneof(
      fc.record({ status: httpStatusArbitrary, body: hostileJsonTextArbitrary }),
      fc.record({
        status: fc.constant(200),
        body: hostileVariantsOf(fc.constant({ access_token: 'ok', token_type: 'Bearer', expires_in: 60 })).map(text),
      }),
      fc.record({ status: fc.constant(200), body: fc.tuple(hostileStringArbitrary, markerArbitrary).map(([type, token]) => text({ access_token: token, token_type: type, expires_in: 60 })) }),
    );
    await fc.assert(
      fc.asyncProperty(tokenAnswer, fc.constantFrom(...CALLS), async ({ status, body }, call) => {
        tally.count('OAuth token endpoint');
        server.script({ kind: 'answer', status: 200, contentType: 'application/json', body: text(WIRE[call.resource]) }, { kind: 'answer', status, contentType: 'application/json', body });
        const result = await call.run(clientFor(10_000))();
        expectTyped(result);
        expect(searchableText(result)).not.toContain('sk_live_fuzzclientsecretkey00000');
      }),
      { numRuns: 150 },
    );
  });
});
