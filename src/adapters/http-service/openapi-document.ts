import { withRouteRoles } from './openapi-route-roles.js';

/**
 * The platform API as OpenAPI 3.1, served at GET /openapi.json and kept in docs/openapi.json (a test
 * fails when the file and this document differ: `node bin/kyc.js openapi > docs/openapi.json`).
 */
const error = { $ref: '#/components/schemas/Error' };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: 'A typed error', content: { 'application/json': { schema: error } } }]));
/**
 * What any route behind an API key may also answer: 401 UNAUTHENTICATED without a valid key, 414
 * PATH_SEGMENT_TOO_LONG or 400 INVALID_URL for a path the router cannot take, 409 STORED_EVENT_UNREADABLE when a
 * stream's stored event can no longer be read (the stream and version are named, nothing it holds; the resource
 * refuses requests until an operator repairs it), 500 INTERNAL_ERROR for a failure nobody foresaw, and 504 (with
 * Retry-After) past the request's time budget: TIME_BUDGET_EXCEEDED, or MANGOPAY_UNAVAILABLE when Mangopay did not
 * answer in time; a command's outcome is then unknown, and sending it again with the same Idempotency-Key is safe.
 */
const apiErrors = (...codes: number[]) => errors(...new Set([...codes, 400, 401, 409, 414, 500, 504]));
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'The command id (1-128 of A-Z a-z 0-9 _ . : -). The same key with the same request again answers with the first outcome (200) and creates nothing; with another request on the same resource, 409 COMMAND_ID_REUSED (or IDEMPOTENCY_KEY_REUSED from Mangopay) and nothing is done.',
  schema: { type: 'string', maxLength: 128 },
};
const tag = { type: 'string', maxLength: 255, description: 'At most 255 characters; no NUL and no lone surrogate (every store keeps it as given)' };
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', maxLength: 255 } });
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
const paging = [
  query('Page', '1-based page number', { type: 'integer', minimum: 1 }),
  query('Per_Page', 'Items per page (1-100, default 10)', { type: 'integer', minimum: 1, maximum: 100 }),
  query('Sort', 'CreationDate:ASC or CreationDate:DESC (default)', { type: 'string', enum: ['CreationDate:ASC', 'CreationDate:DESC'] }),
];
const documentTypes = ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'SHAREHOLDER_DECLARATION', 'ADDRESS_PROOF'];
const documentStatuses = ['CREATED', 'VALIDATION_ASKED', 'VALIDATED', 'REFUSED', 'OUT_OF_DATE'];
const documentTypesText = documentTypes.join(', ');
const documentStatusesText = documentStatuses.join(', ');
const documentFilters = [
  ...paging,
  query('BeforeDate', 'Only documents created before this unix time', { type: 'integer' }),
  query('AfterDate', 'Only documents created after this unix time', { type: 'integer' }),
  query('Status', `Comma-separated document statuses (${documentStatusesText})`),
  query('Type', `Comma-separated document types (${documentTypesText})`),
];
const paginationHeaders = {
  'x-number-of-items': { schema: { type: 'integer' } },
  'x-number-of-pages': { schema: { type: 'integer' } },
};
/** A personal field as the API shows it: the value (to a platform key), masked (to an auditor key), or erased. */
const personalField = (schema: object) => ({ oneOf: [schema, { $ref: '#/components/schemas/Masked' }, { $ref: '#/components/schemas/Erased' }] });

/** Each operation's roles (`x-allowed-roles`) come from ROUTE_ROLES, the table the service enforces. */
export const openApiDocument = withRouteRoles({
  openapi: '3.1.0',
  info: {
    title: 'kyc-core platform API',
    version: '0.1.0',
    description:
      "KYC documents (Mangopay API v2) and hosted IDV sessions, named after Mangopay's resources. Every change is an event; GET /audit/{stream} shows a stream's timeline. A body field or query parameter a route does not list is refused (400 INVALID_INPUT: a near miss of a known name is named, e.g. `per_page` for `Per_Page`; any other is counted, never echoed), and so is a JSON object with a key twice (400 JSON_DUPLICATE_KEY); faults name the field as sent and the values it takes.",
  },
  security: [{ apiKey: [] }],
  paths: {
    '/health': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'Alive' } } } },
    '/ready': {
      get: {
        summary: "Readiness: the stores answer and Mangopay's hooks are registered",
        security: [],
        responses: {
          '200': { description: 'Ready: `{ status: "ready" }`' },
          '503': {
            description:
              'Not ready: `{ status: "not ready", reason }`, reason STORES_UNAVAILABLE, HOOKS_NOT_REGISTERED (registration is retried in the background) or HOOKS_HELD_ELSEWHERE (with `hooksHeldElsewhere`, the event types whose hook targets another URL)',
          },
        },
      },
    },
    '/simulator': {
      get: {
        summary: 'The in-process Mangopay simulator (no MANGOPAY_* credentials configured): its URL and the credentials of this start, for `kyc demo --url`',
        responses: {
          '200': { description: 'The simulator', ...json({ type: 'object', required: ['url', 'clientId', 'apiKey'], properties: { url: { type: 'string' }, clientId: { type: 'string' }, apiKey: { type: 'string' } } }) },
          ...apiErrors(404),
        },
      },
    },
    '/users/{userId}/kyc/documents': {
      post: {
        summary: 'Create a KYC document at Mangopay and record it',
        parameters: [path('userId'), idempotencyKey],
        requestBody: json({
          type: 'object',
          required: ['Type'],
          additionalProperties: false,
          properties: { Type: { type: 'string', enum: documentTypes }, Tag: tag },
        }),
        responses: { '201': { description: 'Created', ...json({ $ref: '#/components/schemas/KycDocument' }) }, '200': { description: 'The same Idempotency-Key and request again: the first outcome', ...json({ $ref: '#/components/schemas/KycDocument' }) }, ...apiErrors(400, 404, 409, 502, 503) },
      },
      get: {
        summary: "List a user's KYC documents (from the read model)",
        parameters: [path('userId'), ...documentFilters],
        responses: {
          '200': { description: 'A page', headers: paginationHeaders, ...json({ type: 'array', items: { $ref: '#/components/schemas/KycDocumentSummary' } }) },
          ...apiErrors(400, 503),
        },
      },
    },
    '/users/{userId}/kyc/documents/{documentId}/pages': {
      post: {
        summary: 'Add a page (plain base64, checked against the page policy; only its fingerprint is recorded)',
        parameters: [path('userId'), path('documentId'), idempotencyKey],
        requestBody: json({ type: 'object', required: ['File'], additionalProperties: false, properties: { File: { type: 'string', maxLength: 10485760 } } }),
        responses: { '201': { description: 'Added', ...json({ $ref: '#/components/schemas/KycDocument' }) }, '200': { description: 'The same Idempotency-Key and request again: the first outcome', ...json({ $ref: '#/components/schemas/KycDocument' }) }, ...apiErrors(400, 404, 409, 413, 502, 503) },
      },
    },
    '/users/{userId}/kyc/documents/{documentId}': {
      put: {
        summary: 'Submit the document for validation',
        parameters: [path('userId'), path('documentId'), idempotencyKey],
        requestBody: json({
          type: 'object',
          required: ['Status'],
          additionalProperties: false,
          properties: { Status: { const: 'VALIDATION_ASKED' }, Tag: tag },
        }),
        responses: { '200': { description: 'Submitted', ...json({ $ref: '#/components/schemas/KycDocument' }) }, ...apiErrors(400, 404, 409, 502, 503) },
      },
    },
    '/kyc/documents/{documentId}': {
      get: {
        summary: 'View a KYC document (folded from its stream)',
        parameters: [path('documentId')],
        responses: { '200': { description: 'The document', ...json({ $ref: '#/components/schemas/KycDocument' }) }, ...apiErrors(400, 404, 503) },
      },
    },
    '/kyc/documents': {
      get: {
        summary: 'List all KYC documents (from the read model)',
        parameters: documentFilters,
        responses: {
          '200': { description: 'A page', headers: paginationHeaders, ...json({ type: 'array', items: { $ref: '#/components/schemas/KycDocumentSummary' } }) },
          ...apiErrors(400, 503),
        },
      },
    },
    '/users/{userId}/identity-verifications': {
      post: {
        summary: 'Start a hosted IDV session (eligibility is judged before Mangopay is asked)',
        parameters: [path('userId'), idempotencyKey],
        requestBody: json({
          type: 'object',
          required: ['ReturnUrl'],
          additionalProperties: false,
          properties: { ReturnUrl: { type: 'string', format: 'uri', maxLength: 50, description: "An absolute https URL without credentials, in canonical form (as the WHATWG URL serialization writes it: `new URL(v).href === v`) and at most 50 characters, Mangopay's limit (https://docs.mangopay.com/api-reference/idv-sessions/create-idv-session); otherwise 400 INVALID_INPUT naming ReturnUrl" }, Tag: tag },
        }),
        responses: { '201': { description: 'Started', ...json({ $ref: '#/components/schemas/IdvSession' }) }, '200': { description: 'The same Idempotency-Key and request again: the first outcome', ...json({ $ref: '#/components/schemas/IdvSession' }) }, ...apiErrors(400, 404, 409, 502, 503) },
      },
      get: {
        summary: "List a user's IDV sessions (from the read model)",
        parameters: [path('userId'), ...paging],
        responses: { '200': { description: 'A page', headers: paginationHeaders, ...json({ type: 'array', items: { $ref: '#/components/schemas/IdvSessionSummary' } }) }, ...apiErrors(400, 503) },
      },
    },
    '/identity-verifications/{sessionId}': {
      get: {
        summary: 'View an IDV session with its checks',
        parameters: [path('sessionId')],
        responses: { '200': { description: 'The session', ...json({ $ref: '#/components/schemas/IdvSession' }) }, ...apiErrors(400, 404, 503) },
      },
    },
    '/users/{userId}/kyc': {
      get: {
        summary: "A user's KYC level and what is still missing for REGULAR",
        parameters: [path('userId')],
        responses: {
          '200': {
            description: 'The user',
            ...json({
              type: 'object',
              properties: {
                UserId: { type: 'string' },
                PersonType: { type: 'string', enum: ['NATURAL', 'LEGAL'] },
                LegalPersonType: { type: ['string', 'null'], description: 'As Mangopay sent it; a type the seeds do not know is kept verbatim and named in Anomalies' },
                UserCategory: { type: 'string', description: 'As Mangopay sent it (NotSpecified when absent); a category the seeds do not know is kept verbatim and named in Anomalies' },
                KYCLevel: { type: 'string', enum: ['LIGHT', 'REGULAR'] },
                MissingForRegular: {
                  description:
                    'What REGULAR still waits for (empty once a hosted IDV session is validated): the document types still to be validated and, for a Business or Partnership, UBO_DECLARATION until a UBO declaration of theirs is VALIDATED at Mangopay; null when it cannot be determined (a LegalPersonType or UserCategory the seeds do not know)',
                  type: ['array', 'null'],
                  items: { type: 'string', enum: [...documentTypes, 'UBO_DECLARATION'] },
                },
                ValidatedDocuments: { type: 'array', items: { type: 'string' } },
                ValidatedIdvSessions: { type: 'array', items: { type: 'string' } },
                ValidatedUboDeclarations: { type: 'array', items: { type: 'string' }, description: "The user's UBO declarations VALIDATED at Mangopay, as last observed" },
                PersonalDataErasedAt: { type: ['integer', 'null'], description: "Unix time the user's personal data was erased (`kyc erase`), or null" },
                Anomalies: { $ref: '#/components/schemas/Anomalies' },
              },
            }),
          },
          ...apiErrors(400, 404, 503),
        },
      },
    },
    '/audit/{stream}': {
      get: {
        summary: "A stream's audit timeline (KycDocument-<Id>, IdvSession-<Id>, UserKyc-<UserId>)",
        description: "To an auditor key a refusal message shows as `message masked (personal data)`; data point values are never shown, only counted.",
        parameters: [path('stream'), query('format', 'json (default) or text', { type: 'string', enum: ['json', 'text'] })],
        responses: { '200': { description: 'The timeline' }, ...apiErrors(400, 404, 503) },
      },
    },
    '/webhooks/mangopay': {
      get: {
        summary: "Mangopay's hooks (EventType, RessourceId, Date): recorded in the inbox, then re-fetched and reconciled",
        security: [],
        parameters: [query('EventType', 'Mangopay event type'), query('RessourceId', "The resource's Id"), query('Date', 'Unix time', { type: 'integer' })],
        description:
          'Open: Mangopay sends no credential. With KYC_WEBHOOK_SECRET the path is /webhooks/mangopay/<secret>; with KYC_WEBHOOK_ALLOWED_SOURCES other addresses get 403; past KYC_WEBHOOK_MAX_PER_MINUTE per source the answer is 429 (Mangopay retries). Other methods answer 405. 503: the inbox could not record it (Mangopay retries).',
        responses: { '200': { description: 'Recorded (or ignored for an unknown event type)' }, ...errors(400, 403, 405, 429, 503) },
      },
    },
  },
  components: {
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        description:
          "Authorization: Bearer <key>, a key of KYC_API_KEYS (`<key>` or `platform:<key>`: a platform key; `auditor:<key>`: an auditor key) or, with none configured, the generated <KYC_DATA_DIR>/api-key (platform) or <KYC_DATA_DIR>/auditor-api-key (auditor). A platform key may call every operation and is shown personal data as recorded; an auditor key only reads (views, lists, audit timelines, this document), with every personal value (IDV data points, reasons' comments, refusal messages) shown as `{ \"masked\": true }`. Each operation's `x-allowed-roles` lists the roles that may call it; another valid key is answered 403 ROLE_REQUIRED, no valid key 401 UNAUTHENTICATED. Logs name a key by its id, the first 12 hex digits of its SHA-256, never the key.",
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['type', 'message'],
        properties: {
          type: { type: 'string', description: 'A stable code, e.g. SUBMIT_NEEDS_A_PAGE, PAGE_TOO_SMALL, INVALID_INPUT, UNAUTHENTICATED, ROLE_REQUIRED, PATH_SEGMENT_TOO_LONG, STORED_EVENT_UNREADABLE' },
          message: { type: 'string' },
          requiredRoles: { type: 'array', items: { type: 'string', enum: ['platform', 'auditor'] }, description: 'ROLE_REQUIRED: the roles that may call the operation' },
          faults: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, rule: { type: 'string' } } } },
        },
      },
      KycDocument: {
        type: 'object',
        properties: {
          Id: { type: 'string' },
          UserId: { type: 'string' },
          Type: { type: 'string', enum: documentTypes },
          Status: { type: 'string', enum: documentStatuses },
          Tag: { type: ['string', 'null'] },
          CreationDate: { type: 'integer' },
          ProcessedDate: { type: ['integer', 'null'] },
          RefusedReasonType: { type: ['string', 'null'] },
          RefusedReasonMessage: {
            description: "An agent's note: personal data, so `{ \"masked\": true }` to an auditor key and `{ \"erased\": true }` once the user's personal data is erased",
            ...personalField({ type: ['string', 'null'] }),
          },
          Flags: { description: "Mangopay's `Flags` on the refusal (KYC Document object), verbatim, in its order", type: 'array', items: { type: 'string' } },
          Pages: { type: 'array', items: { type: 'object', properties: { Number: { type: 'integer' }, Sha256: { type: 'string' }, Size: { type: 'integer' }, Format: { type: 'string' } } } },
          DivergentStatus: { type: ['string', 'null'] },
          Anomalies: { $ref: '#/components/schemas/Anomalies' },
        },
      },
      Anomalies: {
        type: 'array',
        description:
          "Where an outcome Mangopay decided breaks the seeds' rules (a refusal without its reason type, checks that do not fit the user's type): recorded all the same, named by path and rule, never by value",
        items: { type: 'object', required: ['Path', 'Rule'], properties: { Path: { type: 'string' }, Rule: { type: 'string' } } },
      },
      Masked: {
        type: 'object',
        description:
          "What a personal field (a check's data point value or a reason's comment, a refusal message) reads as to an auditor key: the field is listed (so data points are counted by type), its value is not shown",
        required: ['masked'],
        properties: { masked: { const: true } },
        additionalProperties: false,
      },
      Erased: {
        type: 'object',
        description:
          "What a personal field (a check's data point value or refusal description, a refusal message) reads as once the user's personal data is erased (`kyc erase`): the event is kept, the value is gone",
        required: ['erased'],
        properties: { erased: { const: true } },
        additionalProperties: false,
      },
      KycDocumentSummary: {
        type: 'object',
        properties: {
          Id: { type: 'string' },
          UserId: { type: 'string' },
          Type: { type: 'string', enum: documentTypes },
          Status: { type: 'string', enum: documentStatuses },
          Tag: { type: ['string', 'null'] },
          CreationDate: { type: 'integer' },
          ProcessedDate: { type: ['integer', 'null'] },
          RefusedReasonType: { type: ['string', 'null'] },
          Flags: { description: "Mangopay's `Flags` (KYC Document object), verbatim, in its order: a refusal's, revised ones (KycDocumentFlagsChanged)", type: 'array', items: { type: 'string' } },
          PageCount: { type: 'integer' },
          Diverged: { type: 'boolean' },
        },
      },
      IdvSessionSummary: {
        type: 'object',
        properties: {
          Id: { type: 'string' },
          UserId: { type: 'string' },
          Status: { type: 'string', enum: ['PENDING', 'REVIEW', 'VALIDATED', 'REJECTED', 'TIMEOUT', 'ERROR', 'OUTDATED'] },
          Tag: { type: ['string', 'null'] },
          CreationDate: { type: 'integer' },
          Diverged: { type: 'boolean' },
        },
      },
      IdvSession: {
        type: 'object',
        properties: {
          Id: { type: 'string' },
          UserId: { type: 'string' },
          Status: { type: 'string', enum: ['PENDING', 'REVIEW', 'VALIDATED', 'REJECTED', 'TIMEOUT', 'ERROR', 'OUTDATED'] },
          HostedUrl: { type: 'string' },
          ReturnUrl: { type: 'string' },
          Tag: { type: ['string', 'null'] },
          CreationDate: { type: 'integer' },
          DivergentStatus: { type: ['string', 'null'], description: 'A status Mangopay showed that the transition table cannot reach from the recorded one (the state is kept), else null' },
          Checks: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                CheckId: { type: 'string' },
                Type: { type: 'string' },
                Status: { type: ['string', 'null'], description: "The check's CheckStatus as Mangopay gives it; null when it sent none (an anomaly)" },
                Data: {
                  type: 'array',
                  description:
                    "The verified data points: personal data, each value `{ \"masked\": true }` to an auditor key and `{ \"erased\": true }` once the user's personal data is erased",
                  items: {
                    type: 'object',
                    properties: {
                      Type: { type: 'string' },
                      Value: personalField({ type: 'string' }),
                      ValueAltered: {
                        description: 'How Value differs from what Mangopay sent (an anomaly): TRUNCATED (cut at 255 characters), JSON_TEXT (not a string: its JSON text); absent when it is as sent',
                        type: 'string',
                        enum: ['TRUNCATED', 'JSON_TEXT'],
                      },
                    },
                  },
                },
                Reasons: {
                  description: "Every reason Mangopay gives for the check, in its order: Type and Value (a comment, personal data)",
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { Type: { type: ['string', 'null'] }, Value: personalField({ type: ['string', 'null'] }) },
                  },
                },
                RefusalReason: { description: 'The first reason (as before Reasons): kept for compatibility', type: ['string', 'null'] },
                RefusalDescription: personalField({ type: ['string', 'null'] }),
              },
            },
          },
          Anomalies: { $ref: '#/components/schemas/Anomalies' },
        },
      },
    },
  },
} as const);
