import { apiErrors, documentFilters, documentTypes, idempotencyKey, json, paginationHeaders, path, tag } from './openapi-parts.js';

/** Mangopay's KYC documents: create, add pages, submit, view, list. */
export const kycDocumentsPaths = {
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
} as const;
