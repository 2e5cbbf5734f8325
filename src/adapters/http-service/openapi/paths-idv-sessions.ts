import { apiErrors, idempotencyKey, json, paginationHeaders, paging, path, tag } from './openapi-parts.js';

/** Hosted identity verifications: start, view, list. */
export const idvSessionsPaths = {
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
} as const;
