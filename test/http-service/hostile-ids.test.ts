import { request as httpRequest } from 'node:http';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKycRuntime, startKycService, type RunningKycService } from '../../src/adapters/composition-root/index.js';
import { startMisbehavingServer, type MisbehavingServer } from '../fuzz/support/misbehaving-server.js';
import { pageFile } from '../support/page-files.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * Ids that pass a character rule but change a URL path once put in one: `/users/..` is `/` to any URL parser,
 * and `%2e` is a dot to it too. Each path parameter must refuse them (400 naming the parameter) before
 * anything is asked of Mangopay, here a stand-in on a real socket that records every request it gets.
 */
const KEY = 'hostile-ids-key-0123456789abcdef0123456789ab';
const DOT_SEGMENTS = ['.', '..', '%2E', '%2e%2E', '.%2e'] as const;

interface Answer {
  readonly status: number;
  readonly body: { readonly type?: string; readonly faults?: ReadonlyArray<{ readonly path: string; readonly rule: string }> };
}

/** Sends the request target exactly as given (fetch would resolve the dot segments before sending). */
const send = (port: number, method: string, target: string, body?: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const sent = httpRequest(
      { host: '127.0.0.1', port, method, path: target, agent: false, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text.length === 0 ? {} : (JSON.parse(text) as Answer['body']) }));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });

const CREATE = '{"Type":"IDENTITY_PROOF"}';
const ROUTES: ReadonlyArray<readonly [string, (id: string) => string, string, string | undefined]> = [
  ['POST', (id) => `/users/${id}/kyc/documents`, 'userId', CREATE],
  ['POST', (id) => `/users/${id}/kyc/documents/doc_1/pages`, 'userId', JSON.stringify({ File: pageFile('PNG', 1100) })],
  ['POST', (id) => `/users/user_1/kyc/documents/${id}/pages`, 'documentId', JSON.stringify({ File: pageFile('PNG', 1100) })],
  ['PUT', (id) => `/users/${id}/kyc/documents/doc_1`, 'userId', '{"Status":"VALIDATION_ASKED"}'],
  ['PUT', (id) => `/users/user_1/kyc/documents/${id}`, 'documentId', '{"Status":"VALIDATION_ASKED"}'],
  ['POST', (id) => `/users/${id}/identity-verifications`, 'userId', '{"ReturnUrl":"https://platform.example/back"}'],
  ['GET', (id) => `/kyc/documents/${id}`, 'documentId', undefined],
  ['GET', (id) => `/identity-verifications/${id}`, 'sessionId', undefined],
  ['GET', (id) => `/users/${id}/kyc`, 'userId', undefined],
  ['GET', (id) => `/users/${id}/kyc/documents`, 'userId', undefined],
  ['GET', (id) => `/users/${id}/identity-verifications`, 'userId', undefined],
  ['GET', (id) => `/audit/KycDocument-${id}`, 'stream', undefined],
];

describe('ids that are dot segments, on every path parameter (real sockets)', () => {
  const data = temporaryDirectory('hostile-ids');
  let mangopay: MisbehavingServer;
  let service: RunningKycService;
  let before: number;
  beforeAll(async () => {
    mangopay = await startMisbehavingServer();
    const runtime = await buildKycRuntime(serviceConfigForTests({ kind: 'memory' }, data.path, [KEY], { mangopay: { baseUrl: mangopay.baseUrl, clientId: 'client', apiKey: 'key' } }))();
    if (E.isLeft(runtime)) throw new Error(runtime.left.message);
    service = await startKycService(runtime.right);
    // Whatever the service asked at its start (its hooks) is not a request's doing.
    before = mangopay.received().length;
  }, 30_000);
  afterAll(async () => {
    await service?.stop();
    await mangopay?.close();
    data.remove();
  });

  it.each(ROUTES.flatMap(([method, target, parameter, body]) => DOT_SEGMENTS.map((id) => [`${method} ${target(id)}`, method, target(id), parameter, body] as const)))(
    '%s: 400 naming the path parameter',
    async (_name, method, target, parameter, body) => {
      const answer = await send(service.port, method, target, body);
      expect(answer.status).toBe(400);
      expect(answer.body.type).toBe('INVALID_INPUT');
      expect(answer.body.faults?.map((fault) => fault.path)).toEqual([parameter]);
    },
  );

  it('asked nothing of Mangopay for any of them', () => {
    // The hook registration retries in the background (this Mangopay answers it badly): not a request's doing.
    expect(mangopay.received().slice(before).filter((request) => !request.includes('/hooks'))).toEqual([]);
  });
});
