import { apiErrors, documentTypes, json, path, query } from './openapi-parts.js';

/** A user's KYC level; a stream's audit timeline. */
export const usersAndAuditPaths = {
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
} as const;
