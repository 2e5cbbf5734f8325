import { openApiComponents } from './components.js';
import { withRouteRoles } from './openapi-route-roles.js';
import { idvSessionsPaths } from './paths-idv-sessions.js';
import { kycDocumentsPaths } from './paths-kyc-documents.js';
import { servicePaths, webhooksPaths } from './paths-service.js';
import { usersAndAuditPaths } from './paths-users-and-audit.js';

/**
 * The platform API as OpenAPI 3.1, served at GET /openapi.json and kept in docs/openapi.json (a test
 * fails when the file and this document differ: `node bin/kyc.js openapi > docs/openapi.json`). Each operation's roles
 * (`x-allowed-roles`) come from ROUTE_ROLES, the table the service enforces; its paths are written a resource a file.
 */
export const openApiDocument = withRouteRoles({
  openapi: '3.1.0',
  info: {
    title: 'kyc-core platform API',
    version: '0.1.0',
    description:
      "KYC documents (Mangopay API v2) and hosted IDV sessions, named after Mangopay's resources. Every change is an event; GET /audit/{stream} shows a stream's timeline. A body field or query parameter a route does not list is refused (400 INVALID_INPUT: a near miss of a known name is named, e.g. `per_page` for `Per_Page`; any other is counted, never echoed), and so is a JSON object with a key twice (400 JSON_DUPLICATE_KEY); faults name the field as sent and the values it takes.",
  },
  security: [{ apiKey: [] }],
  paths: { ...servicePaths, ...kycDocumentsPaths, ...idvSessionsPaths, ...usersAndAuditPaths, ...webhooksPaths },
  components: openApiComponents,
} as const);
