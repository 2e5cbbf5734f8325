import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCli } from '../../src/adapters/cli/index.js';
import { simulatorPlatformClient } from '../../src/adapters/cli/demo/simulator-platform-client.js';
import { buildKycRuntime, loadConfig, type KycRuntime } from '../../src/adapters/composition-root/index.js';
import { loadAggregate } from '../../src/application/command-handling/load-aggregate.js';
import { startIdvSession } from '../../src/application/platform-commands/index.js';
import { reconcileHookResource } from '../../src/application/webhooks/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import { ERASED } from '../../src/domain/shared/personal-data.js';
import { temporaryDirectory } from '../support/temporary-directory.js';
import { settleSessionAtSimulator } from './support/platform-traffic.js';
import { localSimulatorCredentials } from '../support/local-simulator.js';

/**
 * `kyc erase` as an operator runs it: from the same environment as the service (KYC_EVENT_STORE,
 * KYC_DATA_DIR, KYC_RETENTION_YEARS), refused before the end of retention unless forced, every erasure
 * recorded with who, why and whether it was forced, and the user's key gone from the SQLite file.
 */
describe('kyc erase on the configured SQLite store', () => {
  const directory = temporaryDirectory('erase-command');
  const sqliteFile = join(directory.path, 'kyc.sqlite');
  const environment = { KYC_EVENT_STORE: `sqlite:${sqliteFile}`, KYC_DATA_DIR: directory.path, LOG_LEVEL: 'silent' };
  const saved = Object.fromEntries(Object.keys(environment).map((key) => [key, process.env[key]]));
  const tag = randomBytes(5).toString('hex');
  const names = [`Berenike${tag}`, `Vandermolen${tag}`];
  const printed: string[] = [];
  let recentUser: string;
  let otherUser: string;
  let sessionId: string;
  let keyMaterial: Buffer;

  /** Runs `kyc <args>` in this process, as bin/kyc would, and answers its exit code and what it printed. */
  const kyc = async (...args: string[]): Promise<{ readonly code: number; readonly output: string }> => {
    printed.length = 0;
    process.exitCode = undefined;
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      await buildCli().parseAsync(['node', 'kyc', ...args]);
      return { code: Number(process.exitCode ?? 0), output: printed.join('\n') };
    } finally {
      log.mockRestore();
      process.exitCode = undefined;
    }
  };

  const withRuntime = async <A>(work: (runtime: KycRuntime) => Promise<A>): Promise<A> => {
    const config = loadConfig(process.env);
    if (E.isLeft(config)) throw new Error(config.left.message);
    const built = await buildKycRuntime(config.right)();
    if (E.isLeft(built)) throw new Error(built.left.message);
    try {
      return await work(built.right);
    } finally {
      await built.right.close();
    }
  };

  beforeAll(async () => {
    Object.assign(process.env, environment);
    // The service's side of the story: a user verified today, so well inside the retention period.
    await withRuntime(async (runtime) => {
      const simulatorUrl = runtime.mangopay.simulator?.baseUrl as string;
      const simulator = simulatorPlatformClient(simulatorUrl, localSimulatorCredentials(runtime).clientId, localSimulatorCredentials(runtime).apiKey);
      recentUser = await simulator.createNaturalOwner({ FirstName: names[0], LastName: names[1] });
      otherUser = await simulator.createNaturalOwner();
      for (const userId of [recentUser, otherUser]) {
        const started = await startIdvSession(runtime.core)({
          commandId: `start-${userId}` as CommandId,
          userId: userId as MangopayId,
          returnUrl: 'https://platform.example/return' as HttpsUrl,
        })();
        if (E.isLeft(started)) throw new Error(started.left.message);
        const id = (started.right.state as { sessionId: string }).sessionId;
        await settleSessionAtSimulator(simulatorUrl, localSimulatorCredentials(runtime), id, { status: 'VALIDATED' });
        const reconciled = await reconcileHookResource(runtime.core)('idv-session', id as MangopayId, `hook-${id}` as CommandId)();
        if (E.isLeft(reconciled)) throw new Error(reconciled.left.message);
        if (userId === recentUser) sessionId = id;
      }
    });
    const database = new Database(sqliteFile, { readonly: true });
    keyMaterial = (database.prepare('SELECT material FROM personal_data_keys WHERE subject = ?').get(recentUser) as { material: Buffer }).material;
    database.close();
  }, 60_000);
  afterEach(() => {
    process.exitCode = undefined;
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    directory.remove();
  });

  it('is a command of the kyc CLI, with --by, --reason, --force, --unknown-user, --retention-years and --json, and no store flags of its own', () => {
    const erase = buildCli().commands.find((command) => command.name() === 'erase');
    expect(erase?.options.map((option) => option.long).sort()).toEqual(['--by', '--command-id', '--force', '--json', '--reason', '--retention-years', '--unknown-user']);
  });

  it('--json prints a refusal as { refused, message }, with the same exit status', async () => {
    const refused = await kyc('erase', recentUser, '--by', 'dpo-3', '--reason', 'GDPR ticket 11', '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.output)).toEqual({ refused: 'RETENTION_PERIOD_NOT_OVER', message: expect.stringMatching(/^Personal data must be kept until \d{4}-/) });
  });

  it('refuses a user id no event names (a mistyped id), creating no stream, unless --unknown-user', async () => {
    const mistyped = `${recentUser}x`;
    const refused = await kyc('erase', mistyped, '--by', 'dpo-3', '--reason', 'GDPR ticket 10', '--force');
    expect(refused.code).toBe(1);
    expect(refused.output).toBe(`Refused: USER_UNKNOWN — No event names user ${mistyped}: check the id (nothing was recorded), or confirm that this id must be erased anyway`);
    await withRuntime(async (runtime) => {
      const stream = await runtime.core.store.readStream(`UserKyc-${mistyped}`)();
      expect(E.isRight(stream) && stream.right.streamVersion).toBe(0);
    });
    const confirmed = await kyc('erase', mistyped, '--by', 'dpo-3', '--reason', 'GDPR ticket 10', '--unknown-user');
    expect(confirmed.code).toBe(0);
    expect(confirmed.output).toMatch(new RegExp(`^Personal data of user ${mistyped} erased by dpo-3: recorded in stream UserKyc-${mistyped}; no key existed`));
  });

  it('refuses before the end of retention, with the date it ends, and records nothing', async () => {
    const refused = await kyc('erase', recentUser, '--by', 'dpo-3', '--reason', 'GDPR ticket 9');
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/^Refused: RETENTION_PERIOD_NOT_OVER — Personal data must be kept until \d{4}-/);
    await withRuntime(async (runtime) => {
      const stream = await runtime.core.store.readStream(`UserKyc-${recentUser}`)();
      expect(E.isRight(stream) && stream.right.events.map((e) => e.type)).not.toContain('PersonalDataErased');
    });
  });

  it('a forced erasure destroys the key, scrubs the file and is recorded as forced, with who and why', async () => {
    const forced = await kyc('erase', recentUser, '--by', 'dpo-3', '--reason', 'GDPR ticket 9', '--force');
    expect(forced).toEqual({
      code: 0,
      output: `Personal data of user ${recentUser} erased by dpo-3 (forced, before the end of retention): recorded in stream UserKyc-${recentUser}; key destroyed; storage scrubbed`,
    });
    const again = await kyc('erase', recentUser, '--by', 'dpo-3', '--reason', 'GDPR ticket 9', '--force');
    expect(again.code).toBe(0);
    expect(again.output).toContain(`already recorded in stream UserKyc-${recentUser}; key already destroyed`);

    await withRuntime(async (runtime) => {
      const stream = await runtime.core.store.readStream(`UserKyc-${recentUser}`)();
      const erasures = E.isRight(stream) ? stream.right.events.filter((e) => e.type === 'PersonalDataErased') : [];
      expect(erasures).toHaveLength(1);
      expect(erasures[0]?.data).toMatchObject({ userId: recentUser, erasedBy: 'dpo-3', reason: 'GDPR ticket 9', forced: true, retentionYears: 5 });
      const session = await loadAggregate({ store: runtime.core.store, vault: runtime.vault })(runtime.core.sessions, sessionId)();
      const checks = E.isRight(session) ? (session.right.state as { checks: ReadonlyArray<{ dataPoints: ReadonlyArray<{ value: unknown }> }> }).checks : [];
      expect(checks.flatMap((c) => c.dataPoints).length).toBeGreaterThan(0);
      for (const point of checks.flatMap((c) => c.dataPoints)) expect(point.value).toEqual(ERASED);
    });

    for (const name of readdirSync(directory.path).filter((file) => file.startsWith('kyc.sqlite'))) {
      const bytes = readFileSync(join(directory.path, name));
      for (const needle of [...names.map((n) => Buffer.from(n)), keyMaterial, Buffer.from(keyMaterial.toString('base64')), Buffer.from(keyMaterial.toString('hex'))]) {
        expect(bytes.includes(needle), `${name} still holds a personal value or the key`).toBe(false);
      }
    }
  });

  it('the audit command shows the erasure in the timeline, from the same configuration', async () => {
    const audit = await kyc('audit', `UserKyc-${recentUser}`);
    expect(audit.output).toContain('PERSONAL DATA ERASED (FORCED, before the end of retention) by dpo-3: "GDPR ticket 9"');
    const session = await kyc('audit', `IdvSession-${sessionId}`);
    expect(session.output).toContain('values erased');
  });

  it('a --command-id that names an earlier, different command of the user erases nothing and destroys no key', async () => {
    const earlier = await withRuntime(async (runtime) => {
      const stream = await runtime.core.store.readStream(`UserKyc-${otherUser}`)();
      return E.isRight(stream) ? String(stream.right.events[0]?.metadata['commandId']) : '';
    });
    expect(earlier).not.toBe('');
    const refused = await kyc('erase', otherUser, '--by', 'dpo-4', '--reason', 'account closed', '--force', '--command-id', earlier);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/^Refused: ERASURE_NOT_RECORDED/);
    await withRuntime(async (runtime) => {
      const stream = await runtime.core.store.readStream(`UserKyc-${otherUser}`)();
      expect(E.isRight(stream) && stream.right.events.map((e) => e.type)).not.toContain('PersonalDataErased');
    });
    const database = new Database(sqliteFile, { readonly: true });
    const key = database.prepare('SELECT material FROM personal_data_keys WHERE subject = ?').get(otherUser) as { material: Buffer | null } | undefined;
    database.close();
    expect(key?.material).toBeInstanceOf(Buffer);
  });

  it('--retention-years (or KYC_RETENTION_YEARS) sets the period: with 0 the erasure needs no force, and is recorded as not forced', async () => {
    process.env['KYC_RETENTION_YEARS'] = '100';
    try {
      expect((await kyc('erase', otherUser, '--by', 'dpo-4', '--reason', 'account closed')).output).toMatch(/RETENTION_PERIOD_NOT_OVER.*\(100 years after/);
    } finally {
      delete process.env['KYC_RETENTION_YEARS'];
    }
    const allowed = await kyc('erase', otherUser, '--by', 'dpo-4', '--reason', 'account closed', '--retention-years', '0');
    expect(allowed).toEqual({ code: 0, output: `Personal data of user ${otherUser} erased by dpo-4: recorded in stream UserKyc-${otherUser}; key destroyed; storage scrubbed` });
    const cli = buildCli();
    const erase = cli.commands.find((command) => command.name() === 'erase');
    erase?.exitOverride().configureOutput({ writeErr: () => undefined });
    await expect(cli.parseAsync(['node', 'kyc', 'erase', 'nobody', '--by', 'dpo-4', '--reason', 'x', '--retention-years', '101'])).rejects.toMatchObject({
      code: 'commander.invalidArgument',
    });
  });
});
