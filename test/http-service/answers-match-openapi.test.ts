import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileIdvSession, reconcileKycDocument } from '../../src/application/reconciliation/index.js';
import { openApiDocument } from '../../src/adapters/http-service/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import { pageFile } from '../support/page-files.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';

/**
 * The OpenAPI document against the service's real answers: every answer of a walk through every route (a document
 * refused with its reason and flags, a validated IDV session with its checks, every list, the user, a timeline, the
 * typed errors) must fit the schema the document gives for its route and status, with every object of those schemas
 * closed (`additionalProperties: false` added here), so a field the service returns and the schema omits fails.
 */
const KEY = 'openapi-key-0123456789abcdef0123456789abcdef';

type Schema = { readonly [key: string]: unknown };
/** Every object schema that lists its properties, closed: what it does not list is a field the document forgot. */
const closed = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([name, s]) => [name, closed(s)])) : closed(value)]));
  return 'properties' in copy && !('additionalProperties' in copy) ? { ...copy, additionalProperties: false } : copy;
};

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: 'kyc', components: closed(openApiDocument.components) }, 'kyc');
type Operation = { readonly responses: Readonly<Record<string, { readonly content?: { readonly 'application/json'?: { readonly schema: unknown } } }>> };
const schemaFor = (route: string, method: string, status: number): unknown => {
  const operation = (openApiDocument.paths as unknown as Record<string, Record<string, Operation>>)[route]?.[method];
  const response = operation?.responses[String(status)];
  if (response === undefined) throw new Error(`the OpenAPI document gives no ${status} answer for ${method.toUpperCase()} ${route}`);
  return response.content?.['application/json']?.schema;
};
/** The schema's $refs point into the components registered above. */
const rebased = (schema: unknown): unknown => JSON.parse(JSON.stringify(closed(schema)).replaceAll('"#/components/', '"kyc#/components/'));

describe("the OpenAPI document describes every field of the service's answers", () => {
  let service: ServiceUnderTest;
  const seen: string[] = [];
  const answered = async (method: 'GET' | 'POST' | 'PUT', route: string, url: string, payload?: object) => {
    const answer = await service.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${KEY}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    const schema = schemaFor(route, method.toLowerCase(), answer.statusCode);
    const body: unknown = answer.headers['content-type']?.toString().startsWith('application/json') ? answer.json() : answer.body;
    if (schema !== undefined) {
      const validate = ajv.compile(rebased(schema) as object);
      expect({ route: `${method} ${route} ${answer.statusCode}`, fits: validate(body), errors: validate.errors ?? null }).toEqual({ route: `${method} ${route} ${answer.statusCode}`, fits: true, errors: null });
    }
    seen.push(`${method} ${route} ${answer.statusCode}`);
    return { status: answer.statusCode, body: body as Record<string, unknown> & ReadonlyArray<Record<string, unknown>> };
  };

  beforeAll(async () => {
    service = await startServiceUnderTest({ apiKeys: [KEY] });
  });
  afterAll(() => service.close());

  it('walks every route of the platform API and every answer fits its schema', async () => {
    const userId = await service.platform.createNaturalOwner();
    const created = await answered('POST', '/users/{userId}/kyc/documents', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF', Tag: 'mine' });
    expect(created.status).toBe(201);
    const documentId = created.body['Id'] as string;
    await answered('POST', '/users/{userId}/kyc/documents/{documentId}/pages', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: pageFile('JPEG', 40 * 1024) });
    await answered('PUT', '/users/{userId}/kyc/documents/{documentId}', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' });
    await service.platform.settleDocument(documentId, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: 'blurred' });
    await reconcileKycDocument(service.runtime.core)(documentId as MangopayId, `reconcile-${documentId}` as CommandId)();
    const refused = await answered('GET', '/kyc/documents/{documentId}', `/kyc/documents/${documentId}`);
    expect(refused.body['Status']).toBe('REFUSED');

    const session = await answered('POST', '/users/{userId}/identity-verifications', `/users/${userId}/identity-verifications`, { ReturnUrl: 'https://platform.example/back', Tag: 'idv' });
    expect(session.status).toBe(201);
    const sessionId = session.body['Id'] as string;
    await service.platform.completeHostedSession(session.body['HostedUrl'] as string, 'validate');
    await reconcileIdvSession(service.runtime.core)(sessionId as MangopayId, `reconcile-${sessionId}` as CommandId)();
    const validated = await answered('GET', '/identity-verifications/{sessionId}', `/identity-verifications/${sessionId}`);
    expect(validated.body['Status']).toBe('VALIDATED');
    expect((validated.body['Checks'] as unknown[]).length).toBeGreaterThan(0);

    await service.runtime.refreshReadModel();
    const documents = await answered('GET', '/users/{userId}/kyc/documents', `/users/${userId}/kyc/documents`);
    expect(documents.body.length).toBe(1);
    await answered('GET', '/kyc/documents', '/kyc/documents?Status=REFUSED');
    await answered('GET', '/users/{userId}/identity-verifications', `/users/${userId}/identity-verifications`);
    await answered('GET', '/users/{userId}/kyc', `/users/${userId}/kyc`);
    await answered('GET', '/audit/{stream}', `/audit/KycDocument-${documentId}`);

    // Typed errors, through the same schemas.
    await answered('GET', '/kyc/documents/{documentId}', '/kyc/documents/nobody');
    await answered('POST', '/users/{userId}/kyc/documents', `/users/${userId}/kyc/documents`, { Type: 'PASSPORT' });
    await answered('GET', '/users/{userId}/kyc', '/users/nobody/kyc');
    expect(seen).toContain('GET /kyc/documents/{documentId} 404');
  });
});
