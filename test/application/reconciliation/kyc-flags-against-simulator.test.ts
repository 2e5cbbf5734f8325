import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../../src/adapters/clock/index.js';
import { kycDocumentJson } from '../../../src/adapters/http-service/shared/resource-json.js';
import { createMangopayHttpClient } from '../../../src/adapters/mangopay-http-client/index.js';
import { summarizeEvent } from '../../../src/application/audit/event-summary.js';
import { loadAggregate } from '../../../src/application/command-handling/load-aggregate.js';
import { reconcileKycDocument } from '../../../src/application/reconciliation/index.js';
import type { KycDocument, KycDocumentEvent } from '../../../src/domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../../../src/domain/shared/bounded-string.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../../src/simulator/index.js';
import { pageFile } from '../../support/page-files.js';
import { rawClient } from '../../support/simulator-http.js';
import { userBody } from '../../support/simulator-provider.js';
import { coreWith } from '../../webhooks/support/core-with.js';

let simulator: MangopaySimulator;
beforeAll(async () => {
  simulator = await startMangopaySimulator({ clientId: 'flags', apiKey: 'flags-key', pageRules: 'seed' });
});
afterAll(async () => simulator.close());

/** KYC Document object: `Flags`, the refusal's codes. They were dropped by the wire decoding; now kept all the way. */
it("a refused document's Flags are kept in the event, the state, the REST view and the audit line", async () => {
  const mangopay = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'flags', apiKey: 'flags-key', baseDelayMs: 5 });
  const core = coreWith(mangopay, fixedClock());
  const http = rawClient(simulator, 'flags', 'flags-key');
  const userId = (simulator.control.createNaturalUser(userBody({ personType: 'NATURAL', userCategory: 'OWNER' })).body as { Id: MangopayId }).Id;
  const documentId = (await http.call('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' })).body.Id as MangopayId;
  expect((await http.call('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('PDF', 2048) })).status).toBe(204);
  expect((await http.call('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' })).status).toBe(200);
  expect(simulator.control.settleDocument(documentId, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', flags: ['009004', '009011'] }).status).toBe(200);
  expect(await reconcileKycDocument(core)(documentId, 'flags-1' as CommandId)()).toMatchObject(E.right({ resource: 'kyc-document' }));
  const loaded = await loadAggregate(core)(core.documents, documentId)();
  if (E.isLeft(loaded)) throw new Error(loaded.left.message);
  const document = loaded.right.state as KycDocument;
  const refusal = (loaded.right.events as ReadonlyArray<KycDocumentEvent>).find((event) => event.type === 'KycDocumentRefused');
  expect(refusal).toMatchObject({ flags: ['009004', '009011'] });
  expect(document.flags).toEqual(['009004', '009011']);
  expect(kycDocumentJson(document).Flags).toEqual(['009004', '009011']);
  expect(summarizeEvent(refusal!)).toContain('flags 009004, 009011');
});
