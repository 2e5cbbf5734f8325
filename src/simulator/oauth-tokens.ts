import { randomBytes, timingSafeEqual } from 'node:crypto';
import { nowSeconds, type SimulatorSettings } from './simulator-options.js';
import { mangopayError, ok, type Reply } from './simulator-reply.js';

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** `Authorization: Basic base64(ClientId:ApiKey)` carries this simulator's credentials. */
export const hasClientCredentials = (settings: SimulatorSettings, authorization: string | undefined): boolean => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (match?.[1] === undefined) return false;
  return sameSecret(Buffer.from(match[1], 'base64').toString('utf8'), `${settings.clientId}:${settings.apiKey}`);
};

/** OAuth2 client credentials, as Mangopay's POST /v2.01/oauth/token. Tokens live in this instance only. */
export const createOAuthTokens = (settings: SimulatorSettings) => {
  const tokens = new Map<string, number>();
  return {
    issue: (authorization: string | undefined, form: string): Reply => {
      const at = nowSeconds(settings);
      if (!hasClientCredentials(settings, authorization)) {
        return mangopayError(401, 'invalid_client', 'Authentication failed: the client credentials are not valid.', null, at);
      }
      if (new URLSearchParams(form).get('grant_type') !== 'client_credentials') {
        return mangopayError(400, 'unsupported_grant_type', 'The grant_type must be client_credentials.', { grant_type: 'Only client_credentials is supported.' }, at);
      }
      const token = randomBytes(24).toString('hex');
      tokens.set(token, settings.now() + settings.tokenLifetimeSeconds * 1000);
      return ok({ access_token: token, token_type: 'Bearer', expires_in: settings.tokenLifetimeSeconds });
    },
    /** A Bearer token this simulator issued and that has not expired. */
    accepts: (authorization: string | undefined): boolean => {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      const expiresAt = match?.[1] === undefined ? undefined : tokens.get(match[1]);
      return expiresAt !== undefined && settings.now() < expiresAt;
    },
  };
};
