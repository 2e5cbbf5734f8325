import type { BackgroundSweepReport } from '../../application/webhooks/index.js';
import type { KycMetrics } from './kyc-metrics.js';

/** A background sweep pass that found resources due: how far it got, and when. */
export const recordSweepPass = (metrics: KycMetrics, report: BackgroundSweepReport, at: Date): void => {
  metrics.sweepPasses.inc();
  metrics.sweepResources.inc({ state: 'reconciled' }, report.reconciled);
  metrics.sweepResources.inc({ state: 'deferred' }, report.deferred);
  metrics.sweepResources.inc({ state: 'failed' }, report.failures.length);
  metrics.sweepLastPass.set(at.getTime() / 1_000);
};
