export { describeMangopayApiConformance } from './describe-mangopay-api-conformance.js';
export type {
  DocumentSettlement,
  MangopayApiFactory,
  MangopayApiUnderTest,
  MangopayProvider,
  SessionSettlement,
  UboDeclarationSettlement,
} from './conformance-context.js';
export { freshKey, left, pngPage, RETURN_URL, right } from './conformance-helpers.js';
