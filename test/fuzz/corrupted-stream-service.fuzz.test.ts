import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStoreLocation } from '../../src/adapters/composition-root/index.js';
import { failOnUnhandledRejections, fuzzCaseTally, markerArbitrary, markersIn } from '../../src/testing/fuzz/index.js';
import { pageFile } from '../support/page-files.js';
import { postgresForTests } from '../support/postgres-test-database.js';
import { startServiceUnderTest, type ServiceUnderTest } from '../support/service-under-test.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { corruptionArbitrary, type Corruption, type CorruptionLimits } from './support/stored-event-corruption.js';

/**
 * Data damaged at rest, seen through the service. A document's stream is written through the REST API, then one
 * of its rows is damaged in the database. Every route on that document answers 409 STORED_EVENT_UNREADABLE
 * naming the stream and the damaged version — a state the client cannot fix and a retry will not clear, which the
 * operator must see (it is logged with the stream and version), never a 5xx, a crash or the damaged row's content — and writes
 * to it are refused with nothing written, until the row is repaired. Other documents, the lists and the health
 * checks keep working all along.
 */
failOnUnhandledRejections();
const tally = fuzzCaseTally('corrupted streams through the service (REST)');

const KEY = 'corrupt-fuzz-key-0123456789abcdef0123456789abc';
const HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const RUNS = Number(process.env['KYC_FUZZ_RUNS'] ?? 40);

interface RawRow {
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly schemaVersion: number;
}

/** Direct access to the service's events table, as a bad migration, a manual edit or a disk fault would have. */
interface RawEvents {
  readonly limits: CorruptionLimits;
  readonly row: (streamName: string, version: number) => Promise<RawRow>;
  readonly rowsIn: (streamName: string) => Promise<number>;
  /** 'refused-by-database' when the database cannot hold that damage. */
  readonly corrupt: (streamName: string, version: number, corruption: Corruption) => Promise<void | 'refused-by-database'>;
  readonly restore: (streamName: string, version: number, row: RawRow) => Promise<void>;
  readonly close: () => Promise<void>;
}

const COLUMN = { data: 'data', metadata: 'metadata', type: 'event_type', schemaVersion: 'schema_version' } as const;
const valueOf = (corruption: Corruption): string | number => (corruption.column === 'data' || corruption.column === 'metadata' ? corruption.json : corruption.value);

const sqliteEvents = (filename: string): RawEvents => {
  const raw = new Database(filename);
  raw.pragma('busy_timeout = 5000');
  return {
    limits: { truncatedJson: true, anyText: true, maxSchemaVersion: Number.MAX_SAFE_INTEGER },
    row: async (stream, version) =>
      raw
        .prepare('SELECT event_type AS type, data, metadata, schema_version AS schemaVersion FROM events WHERE stream_name = ? AND stream_version = ?')
        .get(stream, version) as RawRow,
    rowsIn: async (stream) => (raw.prepare('SELECT count(*) AS n FROM events WHERE stream_name = ?').get(stream) as { n: number }).n,
    corrupt: async (stream, version, corruption) => {
      raw.prepare(`UPDATE events SET ${COLUMN[corruption.column]} = ? WHERE stream_name = ? AND stream_version = ?`).run(valueOf(corruption), stream, version);
    },
    restore: async (stream, version, row) => {
      raw
        .prepare('UPDATE events SET event_type = ?, data = ?, metadata = ?, schema_version = ? WHERE stream_name = ? AND stream_version = ?')
        .run(row.type, row.data, row.metadata, row.schemaVersion, stream, version);
    },
    close: async () => void raw.close(),
  };
};

const postgresEvents = (connectionString: string): RawEvents => {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on('error', () => undefined);
  const table = 'kyc_events.events';
  return {
    limits: { truncatedJson: false, anyText: false, maxSchemaVersion: 2_147_483_647 },
    row: async (stream, version) =>
      (
        await pool.query<RawRow>(
          `SELECT event_type AS type, data::text AS data, metadata::text AS metadata, schema_version AS "schemaVersion" FROM ${table} WHERE stream_name = $1 AND stream_version = $2`,
          [stream, version],
        )
      ).rows[0] as RawRow,
    rowsIn: async (stream) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE stream_name = $1`, [stream])).rows[0]?.n),
    corrupt: async (stream, version, corruption) => {
      const json = corruption.column === 'data' || corruption.column === 'metadata';
      try {
        await pool.query(`UPDATE ${table} SET ${COLUMN[corruption.column]} = $1${json ? '::json' : ''} WHERE stream_name = $2 AND stream_version = $3`, [valueOf(corruption), stream, version]);
      } catch (error) {
        // 54001: nesting past PostgreSQL's own stack depth; such a row cannot exist in this table.
        if ((error as { code?: string }).code === '54001') return 'refused-by-database';
        throw error;
      }
    },
    restore: async (stream, version, row) => {
      await pool.query(`UPDATE ${table} SET event_type = $1, data = $2::json, metadata = $3::json, schema_version = $4 WHERE stream_name = $5 AND stream_version = $6`, [
        row.type,
        row.data,
        row.metadata,
        row.schemaVersion,
        stream,
        version,
      ]);
    },
    close: () => pool.end(),
  };
};

/** Damage besides the shared corruptions: a marker written into the row, which must never come back or be logged. */
const markedCorruption = (limits: CorruptionLimits): fc.Arbitrary<Corruption> =>
  markerArbitrary.chain((marker) =>
    fc.constantFrom<Corruption>(
      { column: 'type', value: marker, why: 'type is a marker' },
      { column: 'data', json: JSON.stringify({ type: marker, documentId: marker, note: marker }), why: 'data of markers' },
      { column: 'metadata', json: JSON.stringify({ commandId: 42, occurredAt: marker }), why: 'metadata with a marker' },
      ...(limits.truncatedJson ? [{ column: 'data' as const, json: `{"type":"${marker}`, why: 'marked data cut short' }] : []),
    ),
  );

const storeSuite = (name: string, location: () => EventStoreLocation, openRaw: () => RawEvents) => {
  describe(`a damaged row on ${name}, through the service`, () => {
    let service: ServiceUnderTest;
    let raw: RawEvents;
    let userId: string;
    let templates: ReadonlyArray<RawRow>;

    const send = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
      const answer = await service.app.inject({ method, url, headers: HEADERS, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
      return { status: answer.statusCode, body: answer.body, json: () => answer.json() as any };
    };
    /** A document with a page, written through the API: three events (created, two pages). */
    const documentWithPages = async (): Promise<string> => {
      const created = await send('POST', `/users/${userId}/kyc/documents`, { Type: 'IDENTITY_PROOF' });
      expect(created.status, created.body).toBe(201);
      const id = created.json().Id as string;
      for (const size of [1100, 1200]) expect((await send('POST', `/users/${userId}/kyc/documents/${id}/pages`, { File: pageFile('PNG', size) })).status).toBe(201);
      return id;
    };

    beforeAll(async () => {
      service = await startServiceUnderTest({ apiKeys: [KEY], eventStore: location(), logLevel: 'info' });
      raw = openRaw();
      userId = await service.platform.createNaturalOwner();
      const template = `KycDocument-${await documentWithPages()}`;
      templates = await Promise.all([1, 2, 3].map((version) => raw.row(template, version)));
    }, 60_000);
    afterAll(async () => {
      await raw?.close();
      await service?.close();
    });

    it('answers 409 STORED_EVENT_UNREADABLE naming stream and version, refuses writes, serves the rest, and recovers once repaired', async () => {
      const damage = fc.integer({ min: 1, max: 3 }).chain((version) => {
        const template = templates[version - 1] as RawRow;
        const corruption = fc.oneof(
          { weight: 4, arbitrary: corruptionArbitrary(template.type, JSON.parse(template.data) as Record<string, unknown>, raw.limits) },
          { weight: 1, arbitrary: markedCorruption(raw.limits) },
        );
        return fc.record({ version: fc.constant(version), corruption });
      });
      await fc.assert(
        fc.asyncProperty(damage, async ({ version, corruption }) => {
          const victim = await documentWithPages();
          const bystander = await documentWithPages();
          const stream = `KycDocument-${victim}`;
          expect((await send('GET', '/kyc/documents?Per_Page=1')).status).toBe(200); // the read model is past both
          const original = await raw.row(stream, version);
          fc.pre((await raw.corrupt(stream, version, corruption)) !== 'refused-by-database');
          tally.count(name);
          service.newLogText();

          const refusedAnswers = [
            await send('GET', `/kyc/documents/${victim}`),
            await send('GET', `/audit/${stream}`),
            await send('POST', `/users/${userId}/kyc/documents/${victim}/pages`, { File: pageFile('PNG', 1300) }),
            await send('PUT', `/users/${userId}/kyc/documents/${victim}`, { Status: 'VALIDATION_ASKED' }),
          ];
          for (const answer of refusedAnswers) {
            expect(answer.status, answer.body.slice(0, 300)).toBe(409);
            expect(answer.json()).toEqual({ type: 'STORED_EVENT_UNREADABLE', message: expect.stringContaining(`Event ${version} of stream ${stream} `) });
            expect(markersIn(answer.body)).toEqual([]);
          }
          expect(await raw.rowsIn(stream)).toBe(3);

          // The others are served, read and written, and so are the lists and the health checks.
          expect((await send('PUT', `/users/${userId}/kyc/documents/${bystander}`, { Status: 'VALIDATION_ASKED' })).json()).toMatchObject({ Status: 'VALIDATION_ASKED' });
          expect((await send('GET', `/kyc/documents/${bystander}`)).json()).toMatchObject({ Id: bystander, Status: 'VALIDATION_ASKED' });
          const mine = await send('GET', `/users/${userId}/kyc/documents?Status=VALIDATION_ASKED&Per_Page=100`);
          expect(mine.status).toBe(200);
          expect(mine.json().map((d: { Id: string }) => d.Id)).toContain(bystander);
          expect((await service.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);

          const logs = service.newLogText();
          expect(markersIn(logs), 'a marker from the damaged row was logged').toEqual([]);
          expect(logs).toContain(`"streamName":"${stream}","streamVersion":${version}`);

          // Repaired: the document answers again and takes the write it refused.
          await raw.restore(stream, version, original);
          expect((await send('GET', `/kyc/documents/${victim}`)).json()).toMatchObject({ Id: victim, Status: 'CREATED' });
          expect((await send('PUT', `/users/${userId}/kyc/documents/${victim}`, { Status: 'VALIDATION_ASKED' })).json()).toMatchObject({ Status: 'VALIDATION_ASKED' });
        }),
        { numRuns: RUNS },
      );
    }, 300_000);
  });
};

const directory = temporaryDirectory('corrupted-service');
afterAll(() => directory.remove());
const sqliteFile = `${directory.path}/kyc.sqlite`;
storeSuite('SQLite', () => ({ kind: 'sqlite', filename: sqliteFile }), () => sqliteEvents(sqliteFile));

const postgres = await postgresForTests('corrupted-service');
const database = `kyc_corrupt_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
postgres.describe('PostgreSQL', () => {
  beforeAll(async () => {
    await postgres.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  const url = new URL(postgres.connectionString);
  url.pathname = `/${database}`;
  storeSuite('PostgreSQL', () => ({ kind: 'postgres', connectionString: url.toString() }), () => postgresEvents(url.toString()));
});
