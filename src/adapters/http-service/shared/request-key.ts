import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { PersonalDataView } from '../../../application/audit/index.js';
import { PERSONAL_DATA_VIEW_OF_ROLE, type ApiKeyIdentity } from '../../shared/http/index.js';

/** The key a request was authenticated with; undefined on public routes and for requests refused 401. */
const authenticated = new WeakMap<IncomingMessage, ApiKeyIdentity | undefined>();

/** Records which valid key (if any) a request presented: once per request, where its logger is made or at the latest in the API-key check. */
export const rememberKeyOf = (raw: IncomingMessage, identity: ApiKeyIdentity | undefined): void => void authenticated.set(raw, identity);

/** Whether the request's key was already established. */
export const keyKnownOf = (raw: IncomingMessage): boolean => authenticated.has(raw);

/**
 * The id and role of the API key a request to this service presented, as the service established it (the
 * same constant-time comparison over every valid key); undefined when it presented none that is valid.
 */
export const apiKeyOfRequest = (request: FastifyRequest): ApiKeyIdentity | undefined => authenticated.get(request.raw);

/** How the request's key may see personal data (routes behind a key only; a public route shows none). */
export const personalDataViewOf = (request: FastifyRequest): PersonalDataView => {
  const identity = apiKeyOfRequest(request);
  return identity === undefined ? 'masked' : PERSONAL_DATA_VIEW_OF_ROLE[identity.role];
};
