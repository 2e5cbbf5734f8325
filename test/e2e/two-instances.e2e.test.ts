import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { simulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import { freePort } from '../support/free-port.js';
import { SIMULATOR_CREDENTIALS, startServiceProcess, startSimulatorProcess, type ChildService } from '../support/kyc-processes.js';
import { postgresForTests } from '../support/postgres-test-database.js';

/**
 * Two `kyc serve` processes on one PostgreSQL database, as behind a load balancer: one Mangopay (the simulator
 * in a process of its own), one public URL for hooks, one master key, clients alternating between the
 * instances and retrying on the other one when an instance does not answer — while one instance is restarted.
 * Every list is asked of the instance that did NOT take the command just acknowledged.
 */
const postgres = await postgresForTests('two instances');

const CLIENTS = 6;
const DOCUMENTS_PER_CLIENT = 10;
const MAX_DOCUMENTS_PER_CLIENT = 60;
const API_KEY = 'two-instances-api-key-0123456789abcdef0123456789';
/** A 2 KiB PDF page (seed 002's policy). */
const PAGE = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40 * 1024, 0x20)]).toString('base64');

interface Instance {
  readonly port: number;
  process: ChildService | undefined;
  readonly url: string;
}

const folder = mkdtempSync(join(tmpdir(), 'kyc-core-two-instances-'));
const database = `kyc_two_instances_${process.pid}`;
const stops: Array<() => Promise<void>> = [];
let simulator: ChildService;
let instances: [Instance, Instance];
let environment: (instance: Instance, name: string) => Record<string, string>;

const mangopayToken = async (): Promise<string> => {
  const answer = await fetch(`${simulator.url}/v2.01/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${SIMULATOR_CREDENTIALS.clientId}:${SIMULATOR_CREDENTIALS.apiKey}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await answer.json()) as { readonly access_token: string }).access_token;
};

const startInstance = async (instance: Instance, name: string): Promise<void> => {
  instance.process = await startServiceProcess(environment(instance, name), join(folder, `${name}-${Date.now()}.log`));
};

postgres.describe('two instances of kyc serve on one PostgreSQL database', () => {
  beforeAll(async () => {
    await postgres.query(`CREATE DATABASE ${database}`);
    const serverUrl = postgres.connectionString.replace(/\/[^/?]*(\?.*)?$/, '');
    simulator = await startSimulatorProcess(join(folder, 'simulator.log'));
    stops.push(simulator.stop);
    const [portA, portB] = [await freePort(), await freePort()];
    instances = [
      { port: portA, process: undefined, url: `http://127.0.0.1:${portA}` },
      { port: portB, process: undefined, url: `http://127.0.0.1:${portB}` },
    ];
    const masterKey = randomBytes(32).toString('base64');
    environment = (instance, name) => ({
      KYC_EVENT_STORE: `${serverUrl}/${database}`,
      MANGOPAY_BASE_URL: simulator.url,
      MANGOPAY_CLIENT_ID: SIMULATOR_CREDENTIALS.clientId,
      MANGOPAY_API_KEY: SIMULATOR_CREDENTIALS.apiKey,
      PORT: String(instance.port),
      // What the load balancer would be: Mangopay's hooks reach one address, here instance A's.
      KYC_PUBLIC_URL: instances[0].url,
      KYC_API_KEYS: API_KEY,
      KYC_PERSONAL_DATA_MASTER_KEY: masterKey,
      KYC_DATA_DIR: join(folder, `data-${name}`),
      LOG_LEVEL: 'warn',
    });
    // One after the other: both migrate the same schemas, which must be safe, but the first start is the slow one.
    await startInstance(instances[0], 'a');
    await startInstance(instances[1], 'b');
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances ?? []) await instance.process?.stop();
    for (const stop of stops.reverse()) await stop();
    await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    'clients alternating between them, one restarted meanwhile: every command done once, every list on the other instance shows it',
    async () => {
      const platform = simulatorPlatformClient(simulator.url, SIMULATOR_CREDENTIALS.clientId, SIMULATOR_CREDENTIALS.apiKey);
      const users = await Promise.all(Array.from({ length: CLIENTS }, () => platform.createNaturalOwner()));
      let turn = 0;
      let failovers = 0;
      const staleLists: string[] = [];

      /** Sends to one instance; a connection refused or a 503 goes to the other one with the same key, as a load balancer retries. */
      const send = async (method: string, path: string, body: object | undefined, key: string | undefined): Promise<{ readonly status: number; readonly body: unknown; readonly by: number }> => {
        let target = turn++ % 2;
        for (let attempt = 0; attempt < 200; attempt++) {
          const instance = instances[target] as Instance;
          try {
            const answer = await fetch(`${instance.url}${path}`, {
              method,
              headers: {
                authorization: `Bearer ${API_KEY}`,
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                ...(key === undefined ? {} : { 'idempotency-key': key }),
              },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            if (answer.status !== 503) return { status: answer.status, body: await answer.json(), by: target };
            await answer.body?.cancel();
          } catch {
            // refused or cut: the instance is restarting
          }
          failovers++;
          target = 1 - target;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`${method} ${path}: no instance answered`);
      };
      const command = async (method: string, path: string, body: object): Promise<{ readonly body: Record<string, unknown>; readonly by: number }> => {
        const answer = await send(method, path, body, randomUUID());
        expect(answer.status, `${method} ${path} answered ${JSON.stringify(answer.body)}`).toBeLessThan(300);
        return { body: answer.body as Record<string, unknown>, by: answer.by };
      };
      /** Asked of the instance that did not take the command: its list must already show the command's effect. */
      const listedOnTheOther = async (by: number, userId: string): Promise<ReadonlyArray<Record<string, unknown>>> => {
        const other = instances[1 - by] as Instance;
        for (let attempt = 0; attempt < 200; attempt++) {
          try {
            const answer = await fetch(`${other.url}/users/${userId}/kyc/documents?Per_Page=100`, { headers: { authorization: `Bearer ${API_KEY}` } });
            if (answer.status === 200) return (await answer.json()) as Array<Record<string, unknown>>;
            await answer.body?.cancel();
          } catch {
            // the other instance is the one restarting: wait for it, the check is about the other instance
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error('the other instance never answered the list');
      };

      const acknowledged = new Map<string, string[]>(users.map((user) => [user, []]));
      let restarted = false;
      let documentsDone = 0;
      const restartWhen = CLIENTS * 2;
      const clients = users.map(async (userId) => {
        // At least DOCUMENTS_PER_CLIENT each, and on until the restart is over, so that it happens under load.
        for (let n = 0; n < MAX_DOCUMENTS_PER_CLIENT && (n < DOCUMENTS_PER_CLIENT || !restarted); n++) {
          const created = await command('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF', Tag: `client ${userId} #${n}` });
          const documentId = created.body['Id'] as string;
          acknowledged.get(userId)?.push(documentId);
          if (!(await listedOnTheOther(created.by, userId)).some((document) => document['Id'] === documentId)) staleLists.push(`created ${documentId}`);
          await command('POST', `/users/${userId}/kyc/documents/${documentId}/pages`, { File: PAGE });
          const submitted = await command('PUT', `/users/${userId}/kyc/documents/${documentId}`, { Status: 'VALIDATION_ASKED' });
          const listed = (await listedOnTheOther(submitted.by, userId)).find((document) => document['Id'] === documentId);
          if (listed === undefined || listed['Status'] === 'CREATED') staleLists.push(`submitted ${documentId}: ${String(listed?.['Status'])}`);
          documentsDone++;
        }
      });
      // A rolling restart of instance B while the clients work: SIGTERM, then the same command again.
      const restart = (async () => {
        while (documentsDone < restartWhen) await new Promise((resolve) => setTimeout(resolve, 20));
        await instances[1].process?.stop();
        await startInstance(instances[1], 'b-restarted');
        restarted = true;
      })();
      await Promise.all([...clients, restart]);

      expect(staleLists, 'lists on the other instance that missed an acknowledged command').toEqual([]);
      // Every acknowledged document listed exactly once, on both instances.
      for (const [userId, documents] of acknowledged) {
        for (const instance of instances) {
          const answer = await fetch(`${instance.url}/users/${userId}/kyc/documents?Per_Page=100`, { headers: { authorization: `Bearer ${API_KEY}` } });
          const listed = ((await answer.json()) as Array<Record<string, unknown>>).map((document) => document['Id']);
          expect([...listed].sort()).toEqual([...documents].sort());
        }
      }
      // Nothing done twice: one creation, one page and one submission per document in the log, and at Mangopay.
      const events = new pg.Client({ connectionString: `${postgres.connectionString.replace(/\/[^/?]*(\?.*)?$/, '')}/${database}` });
      await events.connect();
      try {
        const { rows } = await events.query<{ event_type: string; n: string }>(
          `SELECT event_type, count(*)::text AS n FROM kyc_events.events
           WHERE event_type IN ('KycDocumentCreated', 'KycPageAdded', 'KycDocumentSubmitted') GROUP BY event_type ORDER BY event_type`,
        );
        const total = [...acknowledged.values()].reduce((sum, documents) => sum + documents.length, 0);
        expect(rows).toEqual([
          { event_type: 'KycDocumentCreated', n: String(total) },
          { event_type: 'KycDocumentSubmitted', n: String(total) },
          { event_type: 'KycPageAdded', n: String(total) },
        ]);
        const { rows: repeated } = await events.query(
          `SELECT stream_name, event_type FROM kyc_events.events WHERE event_type IN ('KycDocumentCreated', 'KycPageAdded', 'KycDocumentSubmitted')
           GROUP BY stream_name, event_type HAVING count(*) > 1`,
        );
        expect(repeated).toEqual([]);
      } finally {
        await events.end();
      }
      // At Mangopay too: exactly the documents the platform was told about, none created twice.
      const token = await mangopayToken();
      for (const [userId, documents] of acknowledged) {
        const answer = await fetch(`${simulator.url}/v2.01/${SIMULATOR_CREDENTIALS.clientId}/users/${userId}/kyc/documents?per_page=100`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const atMangopay = ((await answer.json()) as Array<{ readonly Id: string }>).map((document) => document.Id);
        expect([...atMangopay].sort()).toEqual([...documents].sort());
      }
      expect(restarted).toBe(true);
      console.log(`[two instances] ${documentsDone} documents, ${failovers} requests sent again to the other instance during the restart`);
    },
    180_000,
  );
});
