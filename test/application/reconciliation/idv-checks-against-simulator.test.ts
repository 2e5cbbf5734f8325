import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/adapters/clock/index.js';
import { idvSessionJson } from '../../../src/adapters/http-service/shared/resource-json.js';
import { createMangopayHttpClient } from '../../../src/adapters/mangopay-http-client/index.js';
import { loadAggregate } from '../../../src/application/command-handling/load-aggregate.js';
import { startIdvSession } from '../../../src/application/platform-commands/index.js';
import { reconcileIdvSession } from '../../../src/application/reconciliation/index.js';
import { summarizeEvent } from '../../../src/application/audit/event-summary.js';
import type { IdvSession, IdvSessionEvent } from '../../../src/domain/idv-session/index.js';
import type { CommandId, MangopayId } from '../../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../../src/domain/shared/https-url.js';
import type { UserProfile } from '../../../src/domain/shared/user-profile.js';
import { startMangopaySimulator, type MangopaySimulator, type SessionOutcome } from '../../../src/simulator/index.js';
import { userBody } from '../../support/simulator-provider.js';
import { coreWith } from '../../webhooks/support/core-with.js';

/**
 * The core against the simulator's today's era (its check types, several Reasons per check, a status word for
 * checks under review that no page documents): what Mangopay shows of each check is what the core records.
 */
describe("a session's checks, as the simulator (today's Mangopay) gives them", () => {
  let simulator: MangopaySimulator;
  let commands = 0;
  const commandId = (): CommandId => `checks-${++commands}` as CommandId;
  beforeAll(async () => {
    simulator = await startMangopaySimulator({ clientId: 'checks', apiKey: 'checks-key', now: () => 1_750_000_000_000 });
  });
  afterAll(async () => simulator.close());

  const sessionOf = async (profile: UserProfile, outcome: SessionOutcome) => {
    const mangopay = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'checks', apiKey: 'checks-key', baseDelayMs: 5 });
    const core = coreWith(mangopay, fixedClock());
    const body = userBody(profile);
    const created = profile.personType === 'NATURAL' ? simulator.control.createNaturalUser(body) : simulator.control.createLegalUser(body);
    const userId = (created.body as { Id: MangopayId }).Id;
    const started = await startIdvSession(core)({ commandId: commandId(), userId, returnUrl: 'https://platform.example/back' as HttpsUrl })();
    if (E.isLeft(started)) throw new Error(started.left.message);
    const sessionId = (started.right.state as IdvSession).sessionId;
    expect(simulator.control.settleSession(sessionId, outcome).status).toBe(200);
    const reconciled = await reconcileIdvSession(core)(sessionId, commandId())();
    expect(reconciled).toMatchObject(E.right({ resource: 'idv-session' }));
    const loaded = await loadAggregate(core)(core.sessions, sessionId)();
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    return { session: loaded.right.state as IdvSession, events: loaded.right.events as ReadonlyArray<IdvSessionEvent> };
  };

  it('keeps every reason of a refused check, with its comment, in the event, the state, the REST view and the audit line', async () => {
    const { session, events } = await sessionOf(
      { personType: 'NATURAL', userCategory: 'OWNER' },
      {
        status: 'REFUSED',
        refusals: {
          IDENTITY_DOCUMENT_VERIFICATION: { reasons: [{ type: 'FACE_MATCH_FAIL', value: 'selfie blurred' }, { type: 'DOCUMENT_UNREADABLE' }] },
          IDV_AGE_CHECK: { reasons: [{ type: 'UNDERAGE_PERSON', value: 'under 18' }] },
        },
      },
    );
    const identity = session.checks.find((check) => check.type === 'IDENTITY_DOCUMENT_VERIFICATION');
    expect(identity?.reasons).toEqual([{ type: 'FACE_MATCH_FAIL', value: 'selfie blurred' }, { type: 'DOCUMENT_UNREADABLE' }]);
    expect(events.at(-1)).toMatchObject({ type: 'IdvSessionRejected', checks: expect.arrayContaining([expect.objectContaining({ reasons: identity?.reasons })]) });
    const json = idvSessionJson(session).Checks.find((check) => check.Type === 'IDENTITY_DOCUMENT_VERIFICATION');
    expect(json).toMatchObject({
      Reasons: [{ Type: 'FACE_MATCH_FAIL', Value: 'selfie blurred' }, { Type: 'DOCUMENT_UNREADABLE', Value: null }],
      // The single fields the API served before: the first reason.
      RefusalReason: 'FACE_MATCH_FAIL',
      RefusalDescription: 'selfie blurred',
    });
    const line = summarizeEvent(events.at(-1)!);
    expect(line).toContain('IDENTITY_DOCUMENT_VERIFICATION REFUSED (FACE_MATCH_FAIL, DOCUMENT_UNREADABLE)');
    expect(line).not.toContain('selfie blurred');
  });

  it("keeps today's check types and reasons the core does not know verbatim, flagged, never a failed reconciliation", async () => {
    const { session } = await sessionOf(
      { personType: 'LEGAL', legalPersonType: 'SOLETRADER', userCategory: 'OWNER' },
      { status: 'REFUSED', refusals: { BUSINESS_NAME_MATCH: { reasons: [{ type: 'NAME_MISMATCH', value: 'Ltd vs SAS' }] } } },
    );
    expect(session.checks.map((check) => check.type)).toEqual([
      'BUSINESS_VERIFICATION',
      'IDENTITY_DOCUMENT_VERIFICATION',
      { unrecognized: 'IDV_NAME_MATCH_CHECK' },
      { unrecognized: 'IDV_AGE_CHECK' },
      { unrecognized: 'BUSINESS_NAME_MATCH' },
    ]);
    expect(session.checks.at(-1)).toMatchObject({ status: 'REFUSED', reasons: [{ type: { unrecognized: 'NAME_MISMATCH' }, value: 'Ltd vs SAS' }] });
    expect(session.anomalies).toEqual([]);
  });

  it("keeps a check's own status word: one no page documents (the simulator's PENDING under review) is kept verbatim as unrecognized", async () => {
    const { session } = await sessionOf({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }, { status: 'REVIEW' });
    expect(session.status).toBe('REVIEW');
    expect(session.checks.length).toBeGreaterThan(0);
    expect(session.checks.every((check) => typeof check.status === 'object' && check.status.unrecognized === 'PENDING')).toBe(true);
    expect(idvSessionJson(session).Checks.every((check) => check.Status === 'PENDING')).toBe(true);
  });

  it('a Legal ORGANIZATION Owner can have a hosted session (hosted IDV guide), and the core follows it to VALIDATED', async () => {
    const { session } = await sessionOf({ personType: 'LEGAL', legalPersonType: 'ORGANIZATION', userCategory: 'OWNER' }, { status: 'VALIDATED' });
    expect(session).toMatchObject({ status: 'VALIDATED', legalPersonType: 'ORGANIZATION' });
    expect(session.checks.every((check) => check.status === 'VALIDATED')).toBe(true);
  });
});
