import type { UserReport } from './user-report.js';

/** A user's whole audit trail as JSON, stamped with the rules' version it was judged under; personal values stay masked. */
export const timelineExport = (report: UserReport, stamp: { readonly rulesVersion: string; readonly pagePolicyName: string; readonly generatedAt: string }) => ({
  userId: report.userId,
  generatedAt: stamp.generatedAt,
  rulesVersion: stamp.rulesVersion,
  pagePolicy: stamp.pagePolicyName,
  user: report.summary ?? null,
  streams: report.streams.map((stream) => ({
    streamName: stream.streamName,
    status: stream.status,
    entries: stream.entries.map((entry) => ({
      streamVersion: entry.streamVersion,
      occurredAt: entry.occurredAt,
      commandId: entry.commandId,
      type: entry.type,
      sources: entry.sources,
      summary: entry.summary,
      statusAfter: entry.statusAfter,
      anomalies: entry.anomalies,
      personalFields: entry.personal,
    })),
  })),
  unreadableStreams: report.unreadable,
  accessLog: report.accesses,
});
