import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKycRuntime } from '../../src/adapters/composition-root/index.js';
import { runKycCli } from '../support/kyc-cli-child.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const scratch = (): string => {
  const directory = temporaryDirectory('start-failures');
  cleanups.push(directory.remove);
  return directory.path;
};

const listening = (server: Server): Promise<number> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    }),
  );

/** A database with a master key check recorded: what a first `kyc serve` on this data directory leaves. */
const databaseSealedIn = async (dataDir: string): Promise<string> => {
  const file = join(dataDir, 'kyc.sqlite');
  const runtime = await buildKycRuntime(serviceConfigForTests({ kind: 'sqlite', filename: file }, dataDir, []))();
  if (E.isLeft(runtime)) throw new Error(runtime.left.message);
  await runtime.right.close();
  return file;
};

const oneLine = (text: string): string => {
  const lines = text.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] as string;
};

describe('a start that fails says why in one line, exits non-zero and writes nothing', () => {
  it('port taken: the reason names PORT, the process ends, the data directory is never created', async () => {
    const holder = createServer();
    const port = await listening(holder);
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const dataDir = join(scratch(), 'data');
    const run = await runKycCli(['serve'], { PORT: String(port), KYC_DATA_DIR: dataDir, KYC_EVENT_STORE: `sqlite:${join(dataDir, 'kyc.sqlite')}` });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toMatch(new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use .*set PORT to a free port$`));
    expect(existsSync(dataDir)).toBe(false);
  });

  it('database unreachable: the reason names the store, nothing is written in the data directory', async () => {
    const dataDir = join(scratch(), 'data');
    const run = await runKycCli(['serve'], { PORT: '0', KYC_DATA_DIR: dataDir, KYC_EVENT_STORE: 'postgres://postgres@127.0.0.1:1/none' });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toMatch(/^The event store \(PostgreSQL at 127\.0\.0\.1:1\/none\) cannot start: /);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('another data directory for an existing database: refused at start, no new master key created', async () => {
    const sealedIn = scratch();
    const database = await databaseSealedIn(sealedIn);
    const elsewhere = join(scratch(), 'other-data');
    for (const command of [['serve'], ['audit', 'user_1']]) {
      const run = await runKycCli(command, { PORT: '0', KYC_DATA_DIR: elsewhere, KYC_EVENT_STORE: `sqlite:${database}` });
      expect(run.code).toBe(1);
      expect(oneLine(run.stderr)).toMatch(/sealed with a master key that is not here .*set KYC_PERSONAL_DATA_MASTER_KEY to that key, or KYC_DATA_DIR to the data directory that keeps it$/);
      expect(existsSync(elsewhere)).toBe(false);
    }
  });

  it('a configured master key that is not this database’s: refused at start, naming where it came from', async () => {
    const sealedIn = scratch();
    const database = await databaseSealedIn(sealedIn);
    const run = await runKycCli(['serve'], {
      PORT: '0',
      KYC_DATA_DIR: sealedIn,
      KYC_EVENT_STORE: `sqlite:${database}`,
      KYC_PERSONAL_DATA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toMatch(/^The personal data master key from KYC_PERSONAL_DATA_MASTER_KEY is not the one this database's personal data is sealed with: /);
  });

  it('the right key opens it again (the check is recorded once, then matched)', async () => {
    const sealedIn = scratch();
    const database = await databaseSealedIn(sealedIn);
    const again = await buildKycRuntime(serviceConfigForTests({ kind: 'sqlite', filename: database }, sealedIn, []))();
    expect(E.isRight(again)).toBe(true);
    if (E.isRight(again)) await again.right.close();
  });

  it('an unreadable secret: one line naming the file, and no master key is created beside it', async () => {
    const dataDir = scratch();
    mkdirSync(join(dataDir, 'api-key'));
    const run = await runKycCli(['serve'], { PORT: '0', KYC_DATA_DIR: dataDir, KYC_EVENT_STORE: `sqlite:${join(dataDir, 'kyc.sqlite')}` });
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toMatch(/^The API key file: .*api-key cannot be read \(EISDIR\): restore it/);
    expect(readdirSync(dataDir)).toEqual(['api-key']);
  });
});

describe('read-only commands never create secrets', () => {
  it('kyc audit leaves no API key and no master key behind', async () => {
    const dataDir = scratch();
    const environment = { KYC_DATA_DIR: dataDir, KYC_EVENT_STORE: `sqlite:${join(dataDir, 'kyc.sqlite')}` };
    const audit = await runKycCli(['audit', 'user_1'], environment);
    expect(audit.code).toBe(1);
    expect(audit.stderr.trim()).toBe('No events for user_1');
    expect(readdirSync(dataDir).filter((name) => !name.startsWith('kyc.sqlite'))).toEqual([]);
  });
});

describe('one signal stops the process at any moment', () => {
  it('SIGTERM while the start waits on the database: ends at once with 143 and one line', async () => {
    // A "database" that accepts the connection and never answers: the start is stuck in it.
    const sockets: Socket[] = [];
    let connected: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (connected = resolve));
    const silent = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    const port = await listening(silent);
    cleanups.push(() => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      silent.close(() => resolve());
    }));
    const dataDir = join(scratch(), 'data');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/cli/kyc.ts', 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', KYC_DATA_DIR: dataDir, KYC_EVENT_STORE: `postgres://postgres@127.0.0.1:${port}/test` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await reached;
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(oneLine(stderr)).toBe('SIGTERM during start: stopped before serving');
    expect(existsSync(dataDir)).toBe(false);
  });
});
