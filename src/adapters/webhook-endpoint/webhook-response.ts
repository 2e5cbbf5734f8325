/** What the endpoint answers, for any server to write out as is. */
export interface WebhookResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A JSON answer that no cache keeps (a retried hook must reach the endpoint again). */
export const json = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): WebhookResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});
