export { createKycMetrics, type KycMetrics } from './kyc-metrics.js';
export { meteredEventStore } from './metered-event-store.js';
export { meteredMangopayApi } from './metered-mangopay-api.js';
export { meteredWebhookInbox } from './metered-webhook-inbox.js';
export { PROJECTION_LAG_COUNT_CAP, registerScrapedGauges, type ScrapedSources } from './scraped-gauges.js';
export { METRICS_PATH, registerHttpMetrics } from './http-metrics.js';
export { recordSweepPass } from './sweep-metrics.js';
