import { Buffer } from 'node:buffer';
import * as E from 'fp-ts/lib/Either.js';
import { renderTimeline, sourceOf, summarizeEvent, type AuditedEvent, type TimelineEntry } from '../../application/audit/index.js';
import type { HookNotification } from '../../application/ports/webhook-inbox.js';
import { commandIdForHook, commandIdForSweep } from '../../application/webhooks/derived-command-id.js';
import { idvSessionDecider, type IdvSessionCommand } from '../../domain/idv-session/index.js';
import { kycDocumentDecider, kycDocumentPersonalData, SEED_PAGE_POLICY, type KycDocumentCommand, type KycDocumentEvent } from '../../domain/kyc-document/index.js';
import type { HttpsUrl, MangopayId, OperatorId, RefusedReasonMessage, UnixTimestamp } from '../../domain/index.js';
import type { Decider } from '../../domain/shared/decider.js';
import { ERASED } from '../../domain/shared/personal-data.js';
import { DEFAULT_RETENTION_YEARS, userKycDecider, type ErasureReason, type UserKycCommand } from '../../domain/user-kyc/index.js';
import { code, table } from './markdown.js';

/**
 * Worked examples for the auditor's guide: made-up streams run through the real deciders and printed by
 * the real timeline renderer, so the guide shows exactly what `kyc audit` prints. Nothing here is a rule.
 */

interface Step<C> {
  /** When the command was handled (ISO 8601). */
  readonly at: string;
  readonly commandId: string;
  readonly command: C;
  /** What happened, for the table of commands beside the timeline. */
  readonly what: string;
}

interface Run {
  readonly streamName: string;
  readonly entries: ReadonlyArray<TimelineEntry & { readonly event: AuditedEvent }>;
  /** Per step: what happened, and which stream versions it recorded (empty: nothing). */
  readonly steps: ReadonlyArray<{ readonly what: string; readonly versions: ReadonlyArray<number> }>;
}

const run = <C, Ev extends AuditedEvent, S, Err>(decider: Decider<C, Ev, S, Err>, streamName: string, steps: ReadonlyArray<Step<C>>): Run => {
  let state = decider.initialState;
  const entries: Array<TimelineEntry & { readonly event: AuditedEvent }> = [];
  const recorded = steps.map((step) => {
    const decision = decider.decide(step.command, state);
    // The examples are meant to be accepted: a refusal means the code changed and the guide must follow.
    if (E.isLeft(decision)) throw new Error(`the guide's example "${step.what}" is refused now: ${JSON.stringify(decision.left)}`);
    return decision.right.map((event) => {
      state = decider.evolve(state, event);
      const streamVersion = entries.length + 1;
      entries.push({
        event,
        streamVersion,
        globalPosition: String(streamVersion),
        occurredAt: step.at,
        commandId: step.commandId,
        type: event.type,
        source: sourceOf(event),
        summary: summarizeEvent(event),
      });
      return streamVersion;
    });
  });
  return { streamName, entries, steps: steps.map((step, i) => ({ what: step.what, versions: recorded[i] ?? [] })) };
};

const seconds = (iso: string): UnixTimestamp => (Date.parse(iso) / 1000) as UnixTimestamp;

/** A hook's command id, as the inbox processor derives it for the inbox entry `sequence`, for the observation it leads to. */
const hookCommandId = (eventType: string, resourceId: string, at: string, sequence: number): string =>
  `${commandIdForHook({ notification: { eventType, resourceId: resourceId as MangopayId, date: seconds(at) } satisfies HookNotification, sequence })}:observe`;

/** A small PNG-looking file: its magic bytes, then filler. Only its fingerprint is recorded. */
const examplePage = (): string => {
  const bytes = Buffer.alloc(2048, 0x41);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes.toString('base64');
};

const userId = '8494500' as MangopayId;
const documentId = '8494514' as MangopayId;
const sessionId = 'idv_0001' as MangopayId;
/** The fields of Mangopay's view of the example document that every observation of it carries. */
const documentView = {
  type: 'ObserveKycDocument',
  documentId,
  userId,
  documentType: 'IDENTITY_PROOF',
  creationDate: seconds('2020-03-02T09:00:00.000Z'),
} as const;

const documentRun = (): Run =>
  run(kycDocumentDecider(SEED_PAGE_POLICY), `KycDocument-${documentId}`, [
    {
      at: '2020-03-02T09:00:00.000Z',
      commandId: 'platform-0001',
      what: 'the platform creates an IDENTITY_PROOF document',
      command: { type: 'CreateKycDocument', documentId, userId, documentType: 'IDENTITY_PROOF', creationDate: seconds('2020-03-02T09:00:00.000Z') },
    },
    { at: '2020-03-02T09:01:00.000Z', commandId: 'platform-0002', what: 'the platform adds a page', command: { type: 'AddKycPage', documentId, userId, file: examplePage() } },
    { at: '2020-03-02T09:02:00.000Z', commandId: 'platform-0003', what: 'the platform submits it', command: { type: 'SubmitKycDocument', documentId, userId } },
    {
      at: '2020-03-02T11:00:00.000Z',
      commandId: hookCommandId('KYC_FAILED', documentId, '2020-03-02T11:00:00.000Z', 1),
      what: 'hook KYC_FAILED; the re-fetched document is REFUSED',
      command: {
        ...documentView,
        status: 'REFUSED',
        refusedReasonType: 'DOCUMENT_UNREADABLE',
        refusedReasonMessage: 'The photo of the card is blurred' as RefusedReasonMessage,
        processedDate: seconds('2020-03-02T10:58:00.000Z'),
      },
    },
    {
      at: '2020-03-02T12:00:00.000Z',
      commandId: `${commandIdForSweep('sweep-2020-03-02', 'kyc-document', documentId)}:observe`,
      what: '`kyc reconcile` re-fetches the document: still REFUSED',
      command: {
        ...documentView,
        status: 'REFUSED',
        refusedReasonType: 'DOCUMENT_UNREADABLE',
        refusedReasonMessage: 'The photo of the card is blurred' as RefusedReasonMessage,
        processedDate: seconds('2020-03-02T10:58:00.000Z'),
      },
    },
    {
      at: '2020-03-03T08:00:00.000Z',
      commandId: hookCommandId('KYC_SUCCEEDED', documentId, '2020-03-03T08:00:00.000Z', 2),
      what: 'hook KYC_SUCCEEDED; the re-fetched document shows VALIDATED',
      command: { ...documentView, status: 'VALIDATED', processedDate: seconds('2020-03-03T07:59:00.000Z') },
    },
  ] satisfies ReadonlyArray<Step<KycDocumentCommand>>);

const sessionRun = (): Run =>
  run(idvSessionDecider, `IdvSession-${sessionId}`, [
    {
      at: '2020-03-02T09:00:00.000Z',
      commandId: 'platform-0004',
      what: 'the platform starts a session for a Natural OWNER',
      command: {
        type: 'StartIdvSession',
        sessionId,
        userId,
        user: { personType: 'NATURAL', userCategory: 'OWNER' },
        returnUrl: 'https://platform.example/kyc/done' as HttpsUrl,
        hostedUrl: 'https://verify.mangopay.example/session/idv_0001',
        creationDate: seconds('2020-03-02T09:00:00.000Z'),
      },
    },
    {
      at: '2021-06-01T12:00:00.000Z',
      commandId: hookCommandId('IDENTITY_VERIFICATION_OUTDATED', sessionId, '2021-06-01T12:00:00.000Z', 3),
      what: 'hook IDENTITY_VERIFICATION_OUTDATED (the VALIDATED hook never came); the re-fetched session is OUTDATED',
      command: { type: 'ObserveIdvSession', sessionId, status: 'OUTDATED' },
    },
  ] satisfies ReadonlyArray<Step<IdvSessionCommand>>);

const ERASED_AT = '2026-09-14T10:00:00.000Z';
const LAST_ACTIVITY = '2021-06-01T12:00:00.000Z';

const userRun = (): Run =>
  run(userKycDecider, `UserKyc-${userId}`, [
    {
      at: '2020-03-02T08:59:00.000Z',
      commandId: 'platform-0000',
      what: 'the user is seen at Mangopay',
      command: { type: 'ObserveUser', userId, user: { personType: 'NATURAL', userCategory: 'OWNER' }, kycLevel: 'LIGHT' },
    },
    {
      at: ERASED_AT,
      commandId: 'platform-0005',
      what: 'an operator erases the user’s personal data after the retention period',
      command: {
        type: 'ErasePersonalData',
        userId,
        requestedAt: seconds(ERASED_AT),
        erasedBy: 'dpo@platform.example' as OperatorId,
        reason: 'Ticket GDPR-1234: erasure request' as ErasureReason,
        forced: false,
        retentionYears: DEFAULT_RETENTION_YEARS,
        lastActivityAt: seconds(LAST_ACTIVITY),
      },
    },
  ] satisfies ReadonlyArray<Step<UserKycCommand>>);

/** Sets every sealed path of an event (`a.*.b`: every item of a list) to the erasure marker, as reading after erasure does. */
const erasedPaths = (value: unknown, path: ReadonlyArray<string>): unknown => {
  if (path.length === 0) return ERASED;
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') return Array.isArray(value) ? value.map((item) => erasedPaths(item, rest)) : value;
  if (!(head in value)) return value;
  return { ...value, [head]: erasedPaths((value as Record<string, unknown>)[head], rest) };
};

const afterErasure = (entries: Run['entries']): Run['entries'] =>
  entries.map((entry) => {
    const paths = kycDocumentPersonalData.fields[entry.event.type as KycDocumentEvent['type']] ?? [];
    const event = paths.reduce<unknown>((current, path) => erasedPaths(current, path.split('.')), entry.event) as AuditedEvent;
    return { ...entry, event, summary: summarizeEvent(event) };
  });

const block = (streamName: string, entries: ReadonlyArray<TimelineEntry>): string =>
  ['```text', renderTimeline({ streamName, entries }), '```'].join('\n');

const stepsTable = (steps: Run['steps']): string =>
  table(
    ['what happened', 'recorded'],
    steps.map(({ what, versions }) => [what, versions.length === 0 ? 'nothing' : versions.map((v) => code(`v${v}`)).join(', ')]),
  );

export interface ExampleTimelines {
  readonly documentSteps: string;
  readonly documentTimeline: string;
  readonly sessionSteps: string;
  readonly sessionTimeline: string;
  readonly userTimeline: string;
  readonly documentTimelineAfterErasure: string;
}

/** The guide's examples, rendered. */
export const exampleTimelines = (): ExampleTimelines => {
  const document = documentRun();
  const session = sessionRun();
  const user = userRun();
  return {
    documentSteps: stepsTable(document.steps),
    documentTimeline: block(document.streamName, document.entries),
    sessionSteps: stepsTable(session.steps),
    sessionTimeline: block(session.streamName, session.entries),
    userTimeline: block(user.streamName, user.entries),
    documentTimelineAfterErasure: block(document.streamName, afterErasure(document.entries)),
  };
};
