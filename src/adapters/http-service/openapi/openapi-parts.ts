/** The pieces the platform API's OpenAPI description is written with. */
const error = { $ref: '#/components/schemas/Error' };
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: 'A typed error', content: { 'application/json': { schema: error } } }]));
/**
 * What any route behind an API key may also answer: 401 UNAUTHENTICATED without a valid key, 414
 * PATH_SEGMENT_TOO_LONG or 400 INVALID_URL for a path the router cannot take, 409 STORED_EVENT_UNREADABLE when a
 * stream's stored event can no longer be read (the stream and version are named, nothing it holds; the resource
 * refuses requests until an operator repairs it), 500 INTERNAL_ERROR for a failure nobody foresaw, and 504 (with
 * Retry-After) past the request's time budget: TIME_BUDGET_EXCEEDED, or MANGOPAY_UNAVAILABLE when Mangopay did not
 * answer in time; a command's outcome is then unknown, and sending it again with the same Idempotency-Key is safe.
 */
export const apiErrors = (...codes: number[]) => errors(...new Set([...codes, 400, 401, 409, 414, 500, 504]));
export const json = (schema: object) => ({ content: { 'application/json': { schema } } });
export const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'The command id (1-128 of A-Z a-z 0-9 _ . : -). The same key with the same request again answers with the first outcome (200) and creates nothing; with another request on the same resource, 409 COMMAND_ID_REUSED (or IDEMPOTENCY_KEY_REUSED from Mangopay) and nothing is done.',
  schema: { type: 'string', maxLength: 128 },
};
export const tag = { type: 'string', maxLength: 255, description: 'At most 255 characters; no NUL and no lone surrogate (every store keeps it as given)' };
export const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', maxLength: 255 } });
export const query = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
export const paging = [
  query('Page', '1-based page number', { type: 'integer', minimum: 1 }),
  query('Per_Page', 'Items per page (1-100, default 10)', { type: 'integer', minimum: 1, maximum: 100 }),
  query('Sort', 'CreationDate:ASC or CreationDate:DESC (default)', { type: 'string', enum: ['CreationDate:ASC', 'CreationDate:DESC'] }),
];
export const documentTypes = ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'SHAREHOLDER_DECLARATION', 'ADDRESS_PROOF'];
export const documentStatuses = ['CREATED', 'VALIDATION_ASKED', 'VALIDATED', 'REFUSED', 'OUT_OF_DATE'];
const documentTypesText = documentTypes.join(', ');
const documentStatusesText = documentStatuses.join(', ');
export const documentFilters = [
  ...paging,
  query('BeforeDate', 'Only documents created before this unix time', { type: 'integer' }),
  query('AfterDate', 'Only documents created after this unix time', { type: 'integer' }),
  query('Status', `Comma-separated document statuses (${documentStatusesText})`),
  query('Type', `Comma-separated document types (${documentTypesText})`),
];
export const paginationHeaders = {
  'x-number-of-items': { schema: { type: 'integer' } },
  'x-number-of-pages': { schema: { type: 'integer' } },
};
/** A personal field as the API shows it: the value (to a platform key), masked (to an auditor key), or erased. */
export const personalField = (schema: object) => ({ oneOf: [schema, { $ref: '#/components/schemas/Masked' }, { $ref: '#/components/schemas/Erased' }] });
