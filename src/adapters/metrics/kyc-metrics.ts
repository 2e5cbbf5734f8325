import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: from a fast local call to a request that waited on a slow Mangopay (its timeouts are tens of seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The service's metrics, on a registry of its own (never prom-client's global one): two instances in one
 * process (tests, an embedding) each count only their own. docs/operations.md says which alert each serves.
 */
export interface KycMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly mangopayCalls: Counter<'endpoint' | 'outcome'>;
  readonly mangopayDuration: Histogram<'endpoint' | 'outcome'>;
  readonly eventsRecorded: Counter<'type'>;
  readonly divergencesRecorded: Counter<'type'>;
  readonly anomaliesRecorded: Counter<'type'>;
  readonly reconciliations: Counter<'source' | 'resource' | 'outcome'>;
  readonly sweepPasses: Counter;
  readonly sweepResources: Counter<'state'>;
  readonly sweepLastPass: Gauge;
  /** Gauges read when scraped: each asks its source then (the inbox, the checkpoints), so a scrape shows now. */
  readonly gauge: (name: string, help: string, labelNames: ReadonlyArray<string>, collect: (gauge: Gauge<string>) => Promise<void>) => void;
  /** The text Prometheus scrapes (format 0.0.4). */
  readonly render: () => Promise<string>;
  readonly contentType: string;
}

export const createKycMetrics = (options: { readonly processMetrics?: boolean } = {}): KycMetrics => {
  const registry = new Registry();
  // Memory, CPU, event-loop lag, open handles of this process: for the saturation alerts.
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'kyc_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: 'kyc_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({ name: 'kyc_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method, route pattern and status', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS, registers }),
    mangopayCalls: new Counter({ name: 'kyc_mangopay_calls_total', help: 'Calls to Mangopay (retries inside a call included in it), by endpoint and outcome (ok or the error type)', labelNames: ['endpoint', 'outcome'], registers }),
    mangopayDuration: new Histogram({ name: 'kyc_mangopay_call_duration_seconds', help: 'Time a call to Mangopay took, by endpoint and outcome', labelNames: ['endpoint', 'outcome'], buckets: LATENCY_BUCKETS, registers }),
    eventsRecorded: new Counter({ name: 'kyc_events_recorded_total', help: 'Events appended to the event log by this instance, by event type', labelNames: ['type'], registers }),
    divergencesRecorded: new Counter({ name: 'kyc_divergences_recorded_total', help: 'Divergences recorded (Mangopay says a status the local history cannot reach), by event type', labelNames: ['type'], registers }),
    anomaliesRecorded: new Counter({ name: 'kyc_anomalies_recorded_total', help: 'Anomalies recorded in events (what Mangopay sent that breaks a rule), by event type', labelNames: ['type'], registers }),
    reconciliations: new Counter({
      name: 'kyc_reconciliations_total',
      help: 'Resources reconciled with Mangopay, by source (hook or sweep), resource and outcome (changed, unchanged, unknown_at_mangopay, failed, parked, deferred)',
      labelNames: ['source', 'resource', 'outcome'],
      registers,
    }),
    sweepPasses: new Counter({ name: 'kyc_sweep_passes_total', help: 'Background sweep passes that found resources due', registers }),
    sweepResources: new Counter({ name: 'kyc_sweep_resources_total', help: 'Resources the background sweep found due, by what became of them (reconciled, deferred, failed)', labelNames: ['state'], registers }),
    sweepLastPass: new Gauge({ name: 'kyc_sweep_last_pass_timestamp_seconds', help: 'When the last sweep pass that found resources due ended (Unix time)', registers }),
    gauge: (name, help, labelNames, collect) => {
      // prom-client calls `collect` on each scrape; `this` is the gauge.
      new Gauge({
        name,
        help,
        labelNames: [...labelNames],
        registers,
        async collect() {
          this.reset();
          await collect(this);
        },
      });
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
};
