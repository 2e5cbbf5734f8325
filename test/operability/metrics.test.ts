import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttpDemo } from '../../src/adapters/cli/demo/http-demo.js';
import { simulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import { buildKycRuntime, LOCAL_SIMULATOR_CREDENTIALS, startKycService, type RunningKycService } from '../../src/adapters/composition-root/index.js';
import type { MangopaySimulator } from '../../src/simulator/index.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const API_KEY = 'metrics-test-api-key-0123456789';
const WEBHOOK_SECRET = 'metrics-test-webhook-secret';

/** One series of a Prometheus text exposition: its value, or undefined when absent. */
const valueOf = (text: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined => {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (wanted.every((pair) => labelText.split(',').includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
};

const scrape = async (service: RunningKycService, authorization = `Bearer ${API_KEY}`) => {
  const answer = await fetch(`${service.url}/metrics`, { headers: { authorization } });
  return { status: answer.status, contentType: answer.headers.get('content-type'), text: await answer.text() };
};

describe('GET /metrics after real traffic (the HTTP demo: documents, a session, hooks from the simulator)', () => {
  const data = temporaryDirectory('metrics');
  let service: RunningKycService;
  let quiet: RunningKycService;
  let userId = '';

  beforeAll(async () => {
    const config = serviceConfigForTests({ kind: 'sqlite', filename: `${data.path}/kyc.sqlite` }, data.path, [API_KEY], {
      // A sweep every second over everything: its pass shows up in the metrics without waiting long.
      sweep: { everySeconds: 1, olderThanSeconds: 0 },
      webhook: { secret: WEBHOOK_SECRET, allowedSources: undefined, maxPerMinutePerSource: 10_000, takeOver: false },
    });
    const runtime = await buildKycRuntime(config)();
    if (E.isLeft(runtime)) throw new Error(runtime.left.message);
    const simulator = runtime.right.mangopay.simulator as MangopaySimulator;
    service = await startKycService(runtime.right);
    const lines: string[] = [];
    await runHttpDemo({
      serviceUrl: service.url,
      simulator: simulatorPlatformClient(simulator.baseUrl, LOCAL_SIMULATOR_CREDENTIALS.clientId, LOCAL_SIMULATOR_CREDENTIALS.apiKey),
      print: (text) => lines.push(text),
      apiKey: API_KEY,
    });
    userId = /user (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
    const other = await buildKycRuntime(serviceConfigForTests({ kind: 'memory' }, `${data.path}/other`, [API_KEY]))();
    if (E.isLeft(other)) throw new Error(other.left.message);
    quiet = await startKycService(other.right);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await quiet?.stop();
    data.remove();
  });

  it('needs the API key, and answers the Prometheus text format', async () => {
    expect((await scrape(service, 'Bearer wrong')).status).toBe(401);
    const answer = await scrape(service);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.text).toContain('# TYPE kyc_http_requests_total counter');
  });

  it('counts HTTP requests by route pattern and status, never by the URL as sent, with latency histograms', async () => {
    await fetch(`${service.url}/no/such/route/for-user-${userId}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    const { text } = await scrape(service);
    expect(valueOf(text, 'kyc_http_requests_total', { method: 'POST', route: '/users/:userId/kyc/documents', status: '201' })).toBe(2);
    expect(valueOf(text, 'kyc_http_requests_total', { route: '(no route)', status: '404' })).toBe(1);
    expect(valueOf(text, 'kyc_http_requests_total', { method: 'GET', route: '(Mangopay webhook)', status: '200' })).toBeGreaterThan(0);
    expect(valueOf(text, 'kyc_http_request_duration_seconds_bucket', { method: 'POST', route: '/users/:userId/kyc/documents', status: '201', le: '+Inf' })).toBe(2);
    expect(userId).not.toBe('');
    expect(text).not.toContain(userId);
    expect(text).not.toContain(WEBHOOK_SECRET);
  });

  it('counts Mangopay calls by endpoint and outcome, with latency', async () => {
    const { text } = await scrape(service);
    expect(valueOf(text, 'kyc_mangopay_calls_total', { endpoint: 'createKycDocument', outcome: 'ok' })).toBe(2);
    expect(valueOf(text, 'kyc_mangopay_calls_total', { endpoint: 'viewKycDocument', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(text, 'kyc_mangopay_call_duration_seconds_count', { endpoint: 'createIdvSession', outcome: 'ok' })).toBe(1);
  });

  it('counts the events recorded and the hooks reconciled by outcome', async () => {
    const { text } = await scrape(service);
    expect(valueOf(text, 'kyc_events_recorded_total', { type: 'KycDocumentCreated' })).toBe(2);
    expect(valueOf(text, 'kyc_events_recorded_total', { type: 'KycDocumentRefused' })).toBe(1);
    expect(valueOf(text, 'kyc_reconciliations_total', { source: 'hook', resource: 'kyc-document', outcome: 'changed' })).toBeGreaterThan(0);
    expect(text).toContain('# TYPE kyc_divergences_recorded_total counter');
    expect(text).toContain('# TYPE kyc_anomalies_recorded_total counter');
  });

  it('reads the inbox depth by state, the oldest pending entry and the read model lag at scrape time', async () => {
    const { text } = await scrape(service);
    expect(valueOf(text, 'kyc_inbox_entries', { state: 'processed' })).toBeGreaterThan(0);
    for (const state of ['pending', 'ignored', 'parked']) expect(valueOf(text, 'kyc_inbox_entries', { state })).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'kyc_inbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'kyc_projection_lag_events')).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'kyc_projection_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'kyc_metrics_source_up', { source: 'inbox' })).toBe(1);
    expect(valueOf(text, 'kyc_metrics_source_up', { source: 'projection' })).toBe(1);
  });

  it('shows the background sweep’s progress once a pass found work', async () => {
    let text = '';
    while (valueOf(text, 'kyc_sweep_passes_total') === undefined || valueOf(text, 'kyc_sweep_passes_total') === 0) {
      text = (await scrape(service)).text;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const found = ['reconciled', 'deferred', 'failed'].map((state) => valueOf(text, 'kyc_sweep_resources_total', { state }) ?? 0);
    expect(found.reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(valueOf(text, 'kyc_sweep_last_pass_timestamp_seconds')).toBeGreaterThan(0);
  }, 30_000);

  it('keeps a registry per instance: another service in the same process counts only its own traffic', async () => {
    const { text } = await scrape(quiet);
    expect(valueOf(text, 'kyc_mangopay_calls_total', { endpoint: 'createKycDocument' })).toBeUndefined();
    expect(valueOf(text, 'kyc_events_recorded_total', { type: 'KycDocumentCreated' })).toBeUndefined();
    expect(valueOf(text, 'kyc_http_requests_total', { route: '/users/:userId/kyc/documents' })).toBeUndefined();
  });
});
