import * as t from 'io-ts';
import type { MangopayApiError } from '../../application/ports/mangopay-api-errors.js';
import type { ResolvedOptions } from './mangopay-http-client-options.js';
import { backoffDelayMs } from './retry-schedule.js';
import type { ExchangeFailure } from './http-exchange.js';
import { faultsOf } from '../../domain/shared/invalid-input.js';

const TokenWire = t.type({
  access_token: t.refinement(t.string, (s) => s.length > 0 && s.length <= 4096, 'AccessToken'),
  token_type: t.refinement(t.string, (s) => /^[A-Za-z]+$/.test(s), 'TokenType'),
  expires_in: t.refinement(t.number, (n) => Number.isFinite(n) && n > 0, 'ExpiresIn'),
});

interface CachedToken {
  readonly authorization: string;
  readonly renewAt: number;
}

export interface TokenSource {
  /** An `Authorization` header value, from the cache while it is fresh; one renewal in flight at a time. */
  readonly authorization: () => Promise<{ readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: MangopayApiError }>;
  /** Forgets a token Mangopay refused, unless it was already replaced. */
  readonly invalidate: (authorization: string) => void;
}

type TokenResult = Awaited<ReturnType<TokenSource['authorization']>>;

/**
 * OAuth2 client credentials: `POST /v2.01/oauth/token` with `Authorization: Basic base64(ClientId:ApiKey)`.
 * State lives in this closure only, so two clients with other credentials never share a token.
 */
export const createTokenSource = (options: ResolvedOptions): TokenSource => {
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.apiKey}`).toString('base64')}`;
  let cached: CachedToken | undefined;
  let inFlight: Promise<TokenResult> | undefined;

  const requestOnce = async (): Promise<{ status: number; json: unknown } | { failure: ExchangeFailure }> => {
    const fetched = await options.exchange(
      options.tokenUrl,
      {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: 'grant_type=client_credentials',
      },
      options.timeoutMs,
    );
    if ('failure' in fetched) return fetched;
    try {
      return { status: fetched.status, json: fetched.text.length === 0 ? undefined : JSON.parse(fetched.text) };
    } catch {
      return { status: fetched.status, json: undefined };
    }
  };

  const renew = async (): Promise<TokenResult> => {
    for (let attempt = 1; ; attempt++) {
      const startedAt = options.now();
      const answer = await requestOnce();
      const retryable = 'failure' in answer || answer.status >= 500 || answer.status === 429;
      if (retryable && attempt < options.maxAttempts) {
        await options.sleep(backoffDelayMs(options, attempt - 1));
        continue;
      }
      if ('failure' in answer) {
        return { ok: false, error: { type: 'MANGOPAY_UNAVAILABLE', message: `The OAuth token request failed (${answer.failure})`, reason: answer.failure, status: null, attempts: attempt } };
      }
      if (answer.status >= 500 || answer.status === 429) {
        return { ok: false, error: { type: 'MANGOPAY_UNAVAILABLE', message: `The OAuth token endpoint answered HTTP ${answer.status}`, reason: 'server-error', status: answer.status, attempts: attempt } };
      }
      if (answer.status !== 200) {
        return { ok: false, error: { type: 'MANGOPAY_AUTHENTICATION_FAILED', message: `Mangopay refused the client credentials (HTTP ${answer.status})`, status: answer.status } };
      }
      const decoded = TokenWire.decode(answer.json);
      if (decoded._tag === 'Left') {
        const faults = faultsOf(decoded.left);
        return { ok: false, error: { type: 'MANGOPAY_RESPONSE_INVALID', message: `The OAuth token response does not decode: ${faults.map((f) => `${f.path} (${f.rule})`).join(', ')}`, status: answer.status, faults } };
      }
      const lifetimeMs = decoded.right.expires_in * 1000;
      const margin = Math.min(options.tokenRefreshMarginMs, lifetimeMs / 2);
      const token: CachedToken = {
        authorization: `${decoded.right.token_type} ${decoded.right.access_token}`,
        renewAt: startedAt + lifetimeMs - margin,
      };
      cached = token;
      return { ok: true, value: token.authorization };
    }
  };

  return {
    authorization: () => {
      if (cached !== undefined && options.now() < cached.renewAt) return Promise.resolve({ ok: true, value: cached.authorization });
      inFlight ??= renew().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate: (authorization) => {
      if (cached?.authorization === authorization) cached = undefined;
    },
  };
};
