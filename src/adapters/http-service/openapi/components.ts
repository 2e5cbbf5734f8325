import { documentStatuses, documentTypes, personalField } from './openapi-parts.js';

/** What a KYC document and its summary in a list both show, first and in this order. */
const documentFields = {
  Id: { type: 'string' },
  UserId: { type: 'string' },
  Type: { type: 'string', enum: documentTypes },
  Status: { type: 'string', enum: documentStatuses },
  Tag: { type: ['string', 'null'] },
  CreationDate: { type: 'integer' },
  ProcessedDate: { type: ['integer', 'null'] },
  RefusedReasonType: { type: ['string', 'null'] },
} as const;

/** The schemas and the security scheme the operations refer to. */
export const openApiComponents = {
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
        ...documentFields,
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
        ...documentFields,
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
} as const;
