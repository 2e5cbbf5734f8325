/**
 * The platform's side of bench/rest-api.bench.ts: 16 clients, each taking documents one after another
 * through create → add a page → submit, either over the REST API (fetch with keep-alive, as a platform's
 * backend would) or as the same use cases called in-process. Every command must succeed: a failed one stops
 * the run, so a figure is never made of errors.
 */
import * as E from 'fp-ts/lib/Either.js';
import { randomUUID } from 'node:crypto';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { addKycPage, createKycDocument, submitKycDocument, type KycCoreDependencies } from '../../src/application/platform-commands/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import { now, percentile } from '../lib/measure.js';

/** A 2 KiB PDF page of an ADDRESS_PROOF (both page policies take it: 1 KiB up; today's wants 32 KiB of an IDENTITY_PROOF), base64 as the API takes it. */
export const PAGE_FILE = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x20)]).toString('base64');

export interface PlatformClient {
  readonly create: (userId: string) => Promise<string>;
  readonly addPage: (userId: string, documentId: string) => Promise<void>;
  readonly submit: (userId: string, documentId: string) => Promise<void>;
}

export interface LoadFigures {
  readonly documents: number;
  readonly commands: number;
  readonly seconds: number;
  readonly commandsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const succeeded = async (answer: Response, what: string): Promise<unknown> => {
  const body = (await answer.json()) as unknown;
  if (!answer.ok) throw new Error(`${what} answered ${answer.status} ${JSON.stringify(body)}`);
  return body;
};

/**
 * Over HTTP as a careful platform backend does it: every command carries an Idempotency-Key, and a request whose
 * connection failed before an answer (a keep-alive connection closed by the server as it was reused) is sent again
 * with the same key, which cannot do the command twice. Such retries are counted and reported.
 */
export const restClient = (baseUrl: string, apiKey: string): PlatformClient & { readonly retries: () => number } => {
  let retries = 0;
  const send = async (what: string, method: string, path: string, body: object): Promise<unknown> => {
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() };
    for (let attempt = 1; ; attempt++) {
      let answer: Response;
      try {
        answer = await fetch(`${baseUrl}${path}`, { method, headers, body: JSON.stringify(body) });
      } catch (error) {
        if (attempt >= 3) throw error;
        retries++;
        continue;
      }
      return succeeded(answer, what);
    }
  };
  return {
    retries: () => retries,
    create: async (userId) => ((await send('create', 'POST', `/users/${userId}/kyc/documents`, { Type: 'ADDRESS_PROOF' })) as { readonly Id: string }).Id,
    addPage: async (userId, documentId) => {
      await send('add page', 'POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: PAGE_FILE });
    },
    submit: async (userId, documentId) => {
      await send('submit', 'PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' });
    },
  };
};

const handled = async <A>(task: TaskEither<{ readonly type: string }, A>, what: string): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.type}`);
  return result.right;
};

/** The same commands, straight to the command handler: what the REST API costs is the difference. */
export const inProcessClient = (core: KycCoreDependencies, newCommandId: () => string): PlatformClient => ({
  create: async (userId) => {
    const done = await handled(
      createKycDocument(core)({ commandId: newCommandId() as CommandId, userId: userId as MangopayId, documentType: 'ADDRESS_PROOF' }),
      'create',
    );
    return (done.state as { readonly documentId: string }).documentId;
  },
  addPage: async (userId, documentId) => {
    await handled(addKycPage(core)({ commandId: newCommandId() as CommandId, userId: userId as MangopayId, documentId: documentId as MangopayId, file: PAGE_FILE }), 'add page');
  },
  submit: async (userId, documentId) => {
    await handled(submitKycDocument(core)({ commandId: newCommandId() as CommandId, userId: userId as MangopayId, documentId: documentId as MangopayId }), 'submit');
  },
});

/** `documents` documents through create, add page, submit, shared by one client per user (users.length clients). */
export const runPlatformLoad = async (client: PlatformClient, users: ReadonlyArray<string>, documents: number): Promise<LoadFigures> => {
  let next = 0;
  const latencies: number[] = [];
  const timed = async <A>(command: () => Promise<A>): Promise<A> => {
    const t0 = now();
    const result = await command();
    latencies.push(now() - t0);
    return result;
  };
  const start = now();
  await Promise.all(
    users.map(async (userId) => {
      while (next < documents) {
        next++;
        const documentId = await timed(() => client.create(userId));
        await timed(() => client.addPage(userId, documentId));
        await timed(() => client.submit(userId, documentId));
      }
    }),
  );
  const seconds = (now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    documents,
    commands: latencies.length,
    seconds,
    commandsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
};
