import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/adapters/clock/index.js';
import { createInMemoryWebhookInbox } from '../../src/adapters/in-memory/webhook-inbox/index.js';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import { createWebhookEndpoint } from '../../src/adapters/webhook-endpoint/index.js';
import { loadAggregate } from '../../src/application/command-handling/load-aggregate.js';
import { registerHooks } from '../../src/application/hook-registration/index.js';
import { addKycPage, createKycDocument, startIdvSession, submitKycDocument } from '../../src/application/platform-commands/index.js';
import { idempotencyKeyFor, type AbsoluteUrl, type MangopayApi } from '../../src/application/ports/mangopay-api.js';
import { processInbox, RECEIVED_HOOK_EVENT_TYPES, receiveHook } from '../../src/application/webhooks/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import { isUnrecognized } from '../../src/domain/shared/recognized.js';
import { pageFile } from '../support/page-files.js';
import { userBody } from '../support/simulator-provider.js';
import { allEvents, coreWith } from './support/core-with.js';
import { ok } from './support/describe-webhook-inbox-behaviour.js';
import { repeatedTransitions } from './support/step-invariants.js';

/**
 * Generated delivery schedules against the simulator: Mangopay's steps, the hooks they cause and the
 * processor's rounds interleave; hooks come duplicated, reordered, late (dropped, then retried at the end),
 * forged (unknown ids, ids of another kind of resource, states Mangopay does not confirm), and the API fails
 * transiently (5xx, 429) while the processor works. Whatever the schedule, once every hook has arrived and
 * the inbox is drained, the core holds what Mangopay holds, and no transition is recorded twice.
 *
 * Mangopay's Date has one-second resolution and is part of the dedupe key, so the simulator's clock moves a
 * second per Mangopay step (as real compliance decisions are): two different events never share a key.
 */

const DOCUMENT_PATHS = [[], ['VALIDATED'], ['REFUSED'], ['OUT_OF_DATE'], ['VALIDATED', 'OUT_OF_DATE']] as const;
const SESSION_PATHS = [[], ['VALIDATED'], ['REJECTED'], ['TIMEOUT'], ['ERROR'], ['VALIDATED', 'OUTDATED']] as const;

// Mangopay puts a submitted document out of date before a decision only for an identity proof ("Document submission process").
const documentPlan = fc.constantFrom('IDENTITY_PROOF' as const, 'ADDRESS_PROOF' as const).chain((type) =>
  fc.record({
    type: fc.constant(type),
    viaCore: fc.boolean(),
    // Through the core: its hooks are delivered and processed between Mangopay's answer and the core's append.
    hooksInTheRace: fc.boolean(),
    submitted: fc.boolean(),
    path: fc.constantFrom(...DOCUMENT_PATHS.filter((path) => type === 'IDENTITY_PROOF' || path[0] !== 'OUT_OF_DATE')),
  }),
);
/** The hook Mangopay sends when a document takes a step (Mangopay's "Webhooks: event types"). */
const DOCUMENT_HOOK_OF: Readonly<Record<string, string>> = { VALIDATED: 'KYC_SUCCEEDED', REFUSED: 'KYC_FAILED', OUT_OF_DATE: 'KYC_OUTDATED' };
const sessionPlan = fc.record({ viaCore: fc.boolean(), path: fc.constantFrom(...SESSION_PATHS) });
const userPlan = fc.record({
  documents: fc.array(documentPlan, { minLength: 1, maxLength: 2 }),
  sessions: fc.array(sessionPlan, { maxLength: 1 }),
});
const op = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('settle' as const), pick: fc.nat() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('process' as const) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('forge' as const),
      eventType: fc.constantFrom(...RECEIVED_HOOK_EVENT_TYPES),
      // A real id of any kind of resource, or one Mangopay never gave out.
      target: fc.oneof(fc.nat(), fc.constant('unknown' as const)),
      // Forgeries carry dates before the scenario: a guess of a real event's exact second is another matter (see the docs).
      date: fc.integer({ min: 0, max: 1_600_000_000 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('fault' as const), status: fc.constantFrom(503, 429), count: fc.integer({ min: 1, max: 3 }) }),
    weight: 1,
  },
  // A forger who knows the next genuine hook's key (EventType, RessourceId, Date) sends it first, and it is processed.
  { arbitrary: fc.record({ kind: fc.constant('preempt' as const), pick: fc.nat() }), weight: 2 },
  // A hook Mangopay sent that never arrives (the VALIDATED one before OUT_OF_DATE, say): a later hook of the resource must do.
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }), weight: 2 },
);
const scenario = fc.record({
  users: fc.array(userPlan, { minLength: 1, maxLength: 2 }),
  ops: fc.array(op, { maxLength: 24 }),
  lateDeliveriesReversed: fc.boolean(),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

const CLIENT = 'schedules';
const KEY = 'schedules-key';
const RETURN_URL = 'https://platform.example/back' as HttpsUrl;

interface Resource {
  readonly kind: 'kyc-document' | 'idv-session';
  readonly id: MangopayId;
  readonly steps: string[];
}

/** One run: a fresh simulator, store and inbox. */
const run = async (plan: Scenario, captureUrl: string): Promise<void> => {
  let simulatorMs = Date.now();
  const simulator: MangopaySimulator = await startMangopaySimulator({ clientId: CLIENT, apiKey: KEY, now: () => simulatorMs, hookRetryDelayMs: 1, pageRules: 'seed' });
  try {
    const clock = fixedClock(new Date(simulatorMs));
    // The processor's client gives up at once, so the inbox's retries are what is exercised.
    const mangopay = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: CLIENT, apiKey: KEY, maxAttempts: 1, maxRateLimitWaits: 0 });
    // The reader of Mangopay's truth at the end waits out any fault still planned, without sleeping for real.
    const truth: MangopayApi = createMangopayHttpClient({
      baseUrl: simulator.baseUrl,
      clientId: CLIENT,
      apiKey: KEY,
      maxAttempts: 10,
      maxRateLimitWaits: 10,
      sleep: async () => undefined,
      now: () => simulatorMs,
    });
    // The core's client: for the commands the plan says, the hooks captured so far arrive and are processed between
    // Mangopay's answer and the core's append (the create-versus-hook and submit-versus-hook races).
    let raceOn = false;
    let race: () => Promise<void> = async () => undefined;
    const racing: MangopayApi = {
      ...mangopay,
      createKycDocument: (input, key) => async () => {
        const answered = await mangopay.createKycDocument(input, key)();
        if (raceOn) await race();
        return answered;
      },
      submitKycDocument: (input) => async () => {
        const answered = await mangopay.submitKycDocument(input)();
        if (raceOn) await race();
        return answered;
      },
    };
    const core = coreWith(racing, clock);
    const inbox = createInMemoryWebhookInbox();
    const endpoint = createWebhookEndpoint({ receive: receiveHook({ inbox, clock }) });
    await ok(registerHooks(mangopay, captureUrl as AbsoluteUrl));
    let commands = 0;
    const commandId = (): CommandId => `schedule-${++commands}` as CommandId;

    const captured = async () => {
      await simulator.control.hookDeliveriesSettled();
      return simulator.control.hookDeliveries();
    };
    const delivered = new Set<number>();
    /** Hooks that never arrive: only while a later hook of the same resource does (the sweep is another test's). */
    const dropped = new Set<number>();
    const deliver = async (notification: { readonly eventType: string; readonly resourceId: string; readonly date: number }) => {
      const query = new URLSearchParams({ EventType: notification.eventType, RessourceId: notification.resourceId, Date: String(notification.date) });
      const answer = await endpoint({ method: 'GET', url: `/hooks?${query.toString()}`, remoteAddress: '127.0.0.1' });
      expect(answer.status).toBe(200);
    };

    // Mangopay's side before any hook is handled: users, documents (through the core or not), sessions.
    const resources: Resource[] = [];
    const userIds: MangopayId[] = [];
    race = async () => {
      for (const delivery of await captured()) await deliver(delivery);
      await ok(processInbox({ core, inbox, clock }));
    };
    for (const user of plan.users) {
      const userId = (simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' })).body as { Id: MangopayId }).Id;
      userIds.push(userId);
      for (const document of user.documents) {
        let documentId: MangopayId;
        if (document.viaCore) {
          raceOn = document.hooksInTheRace;
          documentId = ((await ok(createKycDocument(core)({ commandId: commandId(), userId, documentType: document.type }))).state as { documentId: MangopayId }).documentId;
          await ok(addKycPage(core)({ commandId: commandId(), userId, documentId, file: pageFile('PDF', 2048) }));
          if (document.submitted) await ok(submitKycDocument(core)({ commandId: commandId(), userId, documentId }));
          raceOn = false;
        } else {
          documentId = (await ok(mangopay.createKycDocument({ userId, type: document.type }, idempotencyKeyFor(commandId(), 'create')))).id;
          await ok(mangopay.addKycPage({ userId, documentId, file: pageFile('PNG', 2048) }, idempotencyKeyFor(commandId(), 'page')));
          if (document.submitted) await ok(mangopay.submitKycDocument({ userId, documentId }));
        }
        resources.push({ kind: 'kyc-document', id: documentId, steps: document.submitted ? [...document.path] : [] });
      }
      for (const session of user.sessions) {
        const sessionId = session.viaCore
          ? ((await ok(startIdvSession(core)({ commandId: commandId(), userId, returnUrl: RETURN_URL }))).state as { sessionId: MangopayId }).sessionId
          : (await ok(mangopay.createIdvSession({ userId, returnUrl: RETURN_URL }, idempotencyKeyFor(commandId(), 'session')))).id;
        resources.push({ kind: 'idv-session', id: sessionId, steps: [...session.path] });
      }
    }
    const realIds = [...resources.map((r) => r.id), ...userIds];

    for (const step of plan.ops) {
      switch (step.kind) {
        case 'settle': {
          const open = resources.filter((r) => r.steps.length > 0);
          const resource = open[step.pick % Math.max(1, open.length)];
          if (resource === undefined) break;
          const status = resource.steps.shift() as string;
          simulatorMs += 1000;
          const answer =
            resource.kind === 'kyc-document'
              ? simulator.control.settleDocument(
                  resource.id,
                  status === 'REFUSED' ? { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE' } : { status: status as 'VALIDATED' | 'OUT_OF_DATE' },
                )
              : simulator.control.settleSession(
                  resource.id,
                  status === 'REJECTED'
                    ? { status: 'REJECTED', refusals: { IDENTITY_DOCUMENT_VERIFICATION: { reason: 'FACE_MATCH_FAIL' } } }
                    : { status: status as 'VALIDATED' | 'TIMEOUT' | 'ERROR' | 'OUTDATED' },
                );
          expect(answer.status).toBe(200);
          break;
        }
        case 'deliver': {
          const all = await captured();
          const waiting = all.map((_, index) => index).filter((index) => !delivered.has(index));
          const index = waiting[step.pick % Math.max(1, waiting.length)];
          if (index === undefined) break;
          delivered.add(index);
          await deliver(all[index] as (typeof all)[number]);
          break;
        }
        case 'redeliver': {
          const all = await captured();
          const again = all[step.pick % Math.max(1, all.length)];
          if (again !== undefined) await deliver(again);
          break;
        }
        case 'forge':
          await deliver({
            eventType: step.eventType,
            resourceId: step.target === 'unknown' ? `forged_${step.date}` : (realIds[step.target % realIds.length] as string),
            date: step.date,
          });
          break;
        case 'process':
          await ok(processInbox({ core, inbox, clock }));
          break;
        case 'fault':
          simulator.control.injectFaults({ status: step.status, count: step.count, resetInSeconds: 1 });
          break;
        case 'preempt': {
          const open = resources.filter((r) => r.kind === 'kyc-document' && r.steps.length > 0);
          const resource = open[step.pick % Math.max(1, open.length)];
          if (resource === undefined) break;
          // The key the next step's hook will carry: the simulator's clock moves a second per step.
          await deliver({ eventType: DOCUMENT_HOOK_OF[resource.steps[0] as string] as string, resourceId: resource.id, date: Math.floor((simulatorMs + 1000) / 1000) });
          await ok(processInbox({ core, inbox, clock }));
          break;
        }
        case 'drop': {
          const all = await captured();
          const waiting = all.map((_, index) => index).filter((index) => !delivered.has(index) && !dropped.has(index));
          const index = waiting[step.pick % Math.max(1, waiting.length)];
          if (index !== undefined) dropped.add(index);
          break;
        }
      }
    }

    // Every hook Mangopay sent arrives in the end (a dropped delivery is retried), then the inbox is drained.
    const all = await captured();
    const lastOf = new Map(all.map((delivery, index) => [delivery.resourceId, index] as const));
    const neverArrives = (index: number) => dropped.has(index) && (lastOf.get((all[index] as (typeof all)[number]).resourceId) ?? index) > index;
    const late = all.map((_, index) => index).filter((index) => !delivered.has(index) && !neverArrives(index));
    for (const index of plan.lateDeliveriesReversed ? late.reverse() : late) await deliver(all[index] as (typeof all)[number]);
    for (let round = 0; round < 200 && (await ok(inbox.countByStatus())).pending > 0; round++) {
      await ok(processInbox({ core, inbox, clock }));
      clock.advanceSeconds(600);
    }
    expect(await ok(inbox.countByStatus())).toMatchObject({ pending: 0, parked: 0 });

    // The core holds what Mangopay holds.
    for (const resource of resources) {
      if (resource.kind === 'kyc-document') {
        const view = await ok(truth.viewKycDocument(resource.id));
        const local = await ok(loadAggregate(core)(core.documents, resource.id));
        expect({ id: resource.id, status: local.state.status }).toEqual({ id: resource.id, status: view.status });
        // Every field Mangopay shows, also when the step that carried it was missed (VALIDATED dropped before OUT_OF_DATE).
        expect({ id: resource.id, processedDate: (local.state as { processedDate?: unknown }).processedDate ?? null }).toEqual({ id: resource.id, processedDate: view.processedDate });
        if (view.status === 'REFUSED') expect(local.state).toMatchObject({ refusedReasonType: view.refusedReasonType });
      } else {
        const view = await ok(truth.viewIdvSession(resource.id));
        const local = await ok(loadAggregate(core)(core.sessions, resource.id));
        // Mangopay sends no hook when a session starts: one started outside the core and never settled is unknown to it.
        const announced = all.some((delivery) => delivery.resourceId === resource.id);
        const expected = local.state.status === 'NOT_STARTED' && !announced ? 'NOT_STARTED' : view.status;
        expect({ id: resource.id, status: local.state.status }).toEqual({ id: resource.id, status: expected });
      }
    }
    for (const userId of userIds) {
      const view = await ok(truth.viewUser(userId));
      const local = await ok(loadAggregate(core)(core.users, userId));
      expect(isUnrecognized(view.kycLevel)).toBe(false);
      expect({ userId, level: local.state.status }).toEqual({ userId, level: view.kycLevel });
    }

    // Nothing recorded twice, nothing diverged, nothing recorded for what Mangopay does not have.
    const events = await allEvents(core.store);
    expect(repeatedTransitions(events)).toEqual([]);
    expect(events.filter((event) => event.type.endsWith('Diverged'))).toEqual([]);
    const known = new Set(realIds as string[]);
    expect(new Set(events.map((event) => event.streamName.slice(event.streamName.indexOf('-') + 1)).filter((id) => !known.has(id)))).toEqual(new Set());
  } finally {
    await simulator.close();
  }
};

describe('hook delivery schedules against the simulator', () => {
  let capture: Server;
  let captureUrl: string;
  beforeAll(async () => {
    // Where the simulator sends its hooks: it only has to say 200; the schedule decides what reaches the core.
    capture = createServer((request, response) => {
      request.resume();
      response.writeHead(200).end();
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/hooks`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        capture.close(() => resolve());
        capture.closeAllConnections();
      }),
  );

  it('ends with every document, session and user where Mangopay has it, and no transition recorded twice', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (plan) => run(plan, captureUrl)),
      { numRuns: 30 },
    );
  });
});
