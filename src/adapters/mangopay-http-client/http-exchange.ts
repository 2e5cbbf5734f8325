/** Read access to an answer's headers: WHATWG `Headers`, or undici's plain object behind the same face. */
export interface AnswerHeaders {
  readonly get: (name: string) => string | null;
}

export interface ExchangedText {
  readonly status: number;
  readonly headers: AnswerHeaders;
  readonly text: string;
}

export type ExchangeFailure = 'network' | 'timeout';

export interface ExchangeRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One HTTP exchange, body included, given up after `timeoutMs` in all; never rejects. */
export type HttpExchange = (url: string, request: ExchangeRequest, timeoutMs: number) => Promise<ExchangedText | { readonly failure: ExchangeFailure }>;

/**
 * Runs `exchange` with an abort signal fired after `timeoutMs`. The timer is cleared as soon as the body is
 * read: cheaper under load than AbortSignal.timeout, whose timers outlive the request.
 */
const within = async (
  timeoutMs: number,
  exchange: (signal: AbortSignal) => Promise<ExchangedText>,
): Promise<ExchangedText | { readonly failure: ExchangeFailure }> => {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await exchange(controller.signal);
  } catch {
    return { failure: timedOut ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
};

const plainHeaders = (raw: Readonly<Record<string, string | string[] | undefined>>): AnswerHeaders => ({
  get: (name) => {
    const value = raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
});

/**
 * The default: undici's `request`, the HTTP client Node's own fetch is built on, without fetch's WHATWG
 * streams and objects around every exchange (the official SDK's axios is on node:http, also without them).
 * undici is loaded when a client is made, not when kyc-core is imported: its ~130 modules were most of the
 * package root's import time (issue 18). A failure to load it reads as a network failure, like any other.
 */
export const undiciExchange = (): HttpExchange => {
  const undici = import('undici');
  undici.catch(() => undefined); // awaited (and so reported) by the first exchange; never an unhandled rejection
  return (url, request, timeoutMs) =>
    within(timeoutMs, async (signal) => {
      const answer = await (await undici).request(url, {
        method: request.method as 'GET',
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
      });
      return { status: answer.statusCode, headers: plainHeaders(answer.headers), text: await answer.body.text() };
    });
};

/** Through a given `fetch` (the seam tests use to fake Mangopay, or an embedder's instrumented fetch). */
export const fetchExchange =
  (fetchImpl: typeof fetch): HttpExchange =>
  (url, request, timeoutMs) =>
    within(timeoutMs, async (signal) => {
      const response = await fetchImpl(url, { ...request, signal });
      return { status: response.status, headers: response.headers, text: await response.text() };
    });
