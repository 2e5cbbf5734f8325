export { apiKeyIdentifier, apiKeyIdOf, type ApiKeyIdentity } from './api-key-authentication.js';
export { API_KEY_ROLES, isApiKeyRole, PERSONAL_DATA_VIEW_OF_ROLE, type ApiKeyGrant, type ApiKeyRole } from './api-key-roles.js';
export { routeLabelOf } from './route-label.js';
