import { apiErrors, errors, json, query } from './openapi-parts.js';

/** The probes and the in-process simulator. */
export const servicePaths = {
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
} as const;

/** Mangopay's hooks. */
export const webhooksPaths = {
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
} as const;
