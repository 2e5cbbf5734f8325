export { createMangopayHttpClient } from './mangopay-http-client.js';
export type { MangopayHttpClientOptions } from './mangopay-http-client-options.js';
