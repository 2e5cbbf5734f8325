import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';
import { afterAll, beforeAll, describe } from 'vitest';

/**
 * A PostgreSQL cluster of the test's own: initdb into a temporary folder, started on a free port, that the
 * test may stop, restart or kill under load, and whose transaction counter it may move. The binaries are
 * PostgreSQL 15's (on every developer machine and in CI); as root (CI) they run as the `postgres` user,
 * since PostgreSQL refuses to run as root.
 */
export interface OwnPostgresCluster {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, or another database of the cluster. */
  readonly url: (database?: string) => string;
  readonly start: () => Promise<void>;
  /** A fast shutdown: connections are cut, in-flight transactions rolled back. */
  readonly stop: () => Promise<void>;
  /** SIGKILL of the postmaster, as a crash: the next start runs crash recovery. */
  readonly kill: () => Promise<void>;
  readonly restart: () => Promise<void>;
  /** Commits transactions until the next transaction id is `target` (or past it, if it already is). */
  readonly burnTransactionsUntil: (target: bigint) => Promise<bigint>;
  readonly nextTransactionId: () => Promise<bigint>;
  /** Stops the cluster and removes its folder. */
  readonly destroy: () => Promise<void>;
}

const run = promisify(execFile);

const binaryDirectory = (): string | undefined => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
};

/** Why no cluster of our own can be made here, or undefined when one can. */
export const ownPostgresClusterUnavailable = (): string | undefined =>
  binaryDirectory() === undefined ? 'no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/<version>/bin' : undefined;

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export const startOwnPostgresCluster = async (): Promise<OwnPostgresCluster> => {
  const bin = binaryDirectory();
  if (bin === undefined) throw new Error(ownPostgresClusterUnavailable());
  const folder = mkdtempSync(join(tmpdir(), 'kyc-core-pg-cluster-'));
  const dataDirectory = join(folder, 'data');
  const socketDirectory = folder;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(folder, Number(stdout.trim()), Number(group.trim()));
  }
  const pgTool = (tool: string, args: ReadonlyArray<string>) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), [...args]);

  await pgTool('initdb', ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const logFile = join(folder, 'postgres.log');

  const url = (database = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  // The postmaster is this process's own child (not daemonised by pg_ctl), so its exit is reaped here and a
  // killed one leaves no zombie behind that would look alive to the next start's lock-file check.
  let postmaster: ChildProcess | undefined;
  const exited = (child: ChildProcess): Promise<void> =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
  const start = async (): Promise<void> => {
    const args = ['-D', dataDirectory, '-p', String(port), '-k', socketDirectory, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'];
    const command = asRoot ? 'setpriv' : join(bin, 'postgres');
    const commandArgs = asRoot ? ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', join(bin, 'postgres'), ...args] : args;
    const log = openSync(logFile, 'a');
    const child = spawn(command, commandArgs, { stdio: ['ignore', log, log] });
    closeSync(log);
    postmaster = child;
    for (let waited = 0; waited < 600; waited++) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`PostgreSQL did not start (see ${logFile})`);
      if (await accepts()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`PostgreSQL did not accept connections within 60 s (see ${logFile})`);
  };
  const stop = async (): Promise<void> => {
    const child = postmaster;
    if (child === undefined) return;
    postmaster = undefined;
    child.kill('SIGINT'); // fast shutdown
    await exited(child);
  };
  const kill = async (): Promise<void> => {
    // SIGKILL of the postmaster and of every backend, as the OOM killer or a power cut would: the next
    // start finds a stale lock and recovers from the WAL.
    const child = postmaster;
    if (child?.pid === undefined) return;
    postmaster = undefined;
    const { stdout } = await run('pgrep', ['-P', String(child.pid)]).catch(() => ({ stdout: '' }));
    child.kill('SIGKILL');
    for (const backend of stdout.split('\n').filter((line) => line !== '').map(Number)) {
      try {
        process.kill(backend, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await exited(child);
  };
  const accepts = async (): Promise<boolean> => {
    const client = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 500 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const withClient = async <A>(work: (client: pg.Client) => Promise<A>): Promise<A> => {
    const client = new pg.Client({ connectionString: url() });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const nextTransactionId = (): Promise<bigint> =>
    withClient(async (client) => {
      // pg_current_xact_id() assigns an id to this (otherwise read-only) transaction: the next one is that + 1.
      const { rows } = await client.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id');
      return BigInt(rows[0]!.id) + 1n;
    });
  const burnTransactionsUntil = async (target: bigint): Promise<bigint> => {
    await withClient(async (client) => {
      // A procedure may COMMIT inside its loop: each iteration is one real transaction with its own id.
      await client.query(`CREATE OR REPLACE PROCEDURE pg_temp_burn_until(target bigint) LANGUAGE plpgsql AS $$
        BEGIN
          WHILE pg_current_xact_id()::text::bigint < target - 1 LOOP
            COMMIT;
          END LOOP;
          COMMIT;
        END $$`);
      await client.query('CALL pg_temp_burn_until($1)', [target.toString()]);
      await client.query('DROP PROCEDURE pg_temp_burn_until(bigint)');
    });
    return nextTransactionId();
  };

  // A test run that dies must not leave a server behind.
  process.once('exit', () => postmaster?.kill('SIGKILL'));
  await start();
  return {
    port,
    url,
    start,
    stop,
    kill,
    restart: async () => {
      await stop();
      await start();
    },
    burnTransactionsUntil,
    nextTransactionId,
    destroy: async () => {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
};

/** The next power of ten strictly above `value`: where a transaction id written in decimal gains a digit. */
export const nextPowerOfTen = (value: bigint): bigint => {
  let power = 10n;
  while (power <= value) power *= 10n;
  return power;
};

export interface OwnPostgresForTests {
  /** `describe`, with the cluster started before its checks and destroyed after; loudly skipped where no cluster can be made (a failure under CI). */
  readonly describe: (title: string, body: () => void) => void;
  /** The running cluster, inside the `describe`'s checks. */
  readonly cluster: () => OwnPostgresCluster;
  /** A new empty schema in the cluster's `postgres` database. */
  readonly newSchema: () => Promise<string>;
  /**
   * Burns transactions until the next transaction id is `margin` below the next power of ten, so that what
   * the check does next crosses it (…999 → …1000). Returns where the counter stands, for messages.
   */
  readonly approachPowerOfTen: (margin?: bigint) => Promise<string>;
}

export const ownPostgresForTests = (suite: string): OwnPostgresForTests => {
  const unavailable = ownPostgresClusterUnavailable();
  let running: OwnPostgresCluster | undefined;
  let schemas = 0;
  const cluster = (): OwnPostgresCluster => {
    if (running === undefined) throw new Error('the cluster is used outside its describe');
    return running;
  };
  return {
    describe: (title, body) => {
      if (unavailable !== undefined) {
        if (process.env['CI'] === 'true') throw new Error(`${suite}: ${unavailable}; under CI the PostgreSQL cluster tests must run`);
        console.warn(`\n*** ${suite}: PostgreSQL cluster tests NOT RUN: ${unavailable} ***\n`);
        describe.skip(`${title} — NOT RUN: ${unavailable}`, body);
        return;
      }
      describe(title, () => {
        beforeAll(async () => {
          running = await startOwnPostgresCluster();
        }, 120_000);
        afterAll(async () => {
          await running?.destroy();
          running = undefined;
        });
        body();
      });
    },
    cluster,
    newSchema: async () => {
      const schema = `s${++schemas}`;
      const client = new pg.Client({ connectionString: cluster().url() });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await client.end();
      }
      return schema;
    },
    approachPowerOfTen: async (margin = 12n) => {
      const boundary = nextPowerOfTen((await cluster().nextTransactionId()) + margin);
      const next = await cluster().burnTransactionsUntil(boundary - margin);
      return `next transaction id ${next}, ${boundary} ahead`;
    },
  };
};
