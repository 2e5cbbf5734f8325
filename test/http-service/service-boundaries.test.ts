import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyFileOf,
  auditorApiKeyFileOf,
  buildKycRuntime,
  ensureApiKeys,
  readApiKey,
  readAuditorApiKey,
  startKycService,
  type KycConfig,
  type RunningKycService,
} from '../../src/adapters/composition-root/index.js';
import { MAX_JSON_DEPTH } from '../../src/adapters/http-service/shared/bounded-json-parser.js';
import { MAX_BODY_BYTES } from '../../src/adapters/http-service/index.js';
import { keepSecretFile } from '../../src/adapters/composition-root/secret-file.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const KEY = 'boundary-key-0123456789abcdef0123456789abcd';
const NEXT_KEY = 'boundary-next-0123456789abcdef0123456789ab';
const SECRET = 'hooks-9f1c2e7a5b3d4c6e8f0a1b2c';
const BUDGET = 5;

const configWith = (dataDir: string, webhook: Partial<KycConfig['webhook']> = {}): KycConfig =>
  serviceConfigForTests({ kind: 'memory' }, dataDir, [KEY, NEXT_KEY], {
    webhook: { secret: SECRET, allowedSources: undefined, maxPerMinutePerSource: BUDGET, takeOver: false, ...webhook },
  });

const start = async (config: KycConfig): Promise<RunningKycService> => {
  const runtime = await buildKycRuntime(config)();
  if (E.isLeft(runtime)) throw new Error(runtime.left.message);
  return startKycService(runtime.right, { log: () => undefined });
};

const hook = (n: number) => `EventType=KYC_SUCCEEDED&RessourceId=kycdoc_unknown_${n}&Date=${1_700_000_000 + n}`;

describe('the service at its boundaries', () => {
  const data = temporaryDirectory('boundaries');
  let service: RunningKycService;
  beforeAll(async () => {
    service = await start(configWith(data.path));
  }, 30_000);
  afterAll(async () => {
    await service?.stop();
    data.remove();
  });

  it('opens the platform API to either of two keys (rotation), and to nothing else', async () => {
    const status = async (authorization?: string) =>
      (await fetch(`${service.url}/kyc/documents`, { headers: authorization === undefined ? {} : { authorization } })).status;
    expect(await status(`Bearer ${KEY}`)).toBe(200);
    expect(await status(`Bearer ${NEXT_KEY}`)).toBe(200);
    expect(await status(`Bearer ${KEY.slice(0, -1)}x`)).toBe(401);
    expect(await status(`Basic ${KEY}`)).toBe(401);
    expect(await status()).toBe(401);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });

  it('takes hooks only at the secret path, and answers 429 past the per-source budget', async () => {
    // Without the secret the path is no open route: answered 404 saying where hooks are taken (Mangopay sends no key).
    expect((await fetch(`${service.url}/webhooks/mangopay?${hook(0)}`)).status).toBe(404);
    const statuses: number[] = [];
    for (let n = 1; n <= BUDGET + 3; n++) statuses.push((await fetch(`${service.url}/webhooks/mangopay/${SECRET}?${hook(n)}`)).status);
    expect(statuses.slice(0, BUDGET)).toEqual(Array(BUDGET).fill(200));
    expect(statuses.slice(BUDGET)).toEqual([429, 429, 429]);
  });

  it('refuses a body over the cap with 413, before reading it whole', async () => {
    const answer = await fetch(`${service.url}/users/user_1/kyc/documents/doc_1/pages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: `{"File":"${'A'.repeat(MAX_BODY_BYTES + 16)}"}`,
    });
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { type: string }).type).toBe('BODY_TOO_LARGE');
  });

  it('refuses JSON nested past the bound with a 400 naming why', async () => {
    const deep = `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`;
    const answer = await fetch(`${service.url}/users/user_1/kyc/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: deep,
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { type: string }).type).toBe('JSON_TOO_DEEP');
  });
});

describe('the webhook allowlist', () => {
  const data = temporaryDirectory('allowlist');
  let service: RunningKycService;
  beforeAll(async () => {
    service = await start(configWith(data.path, { allowedSources: ['10.20.30.40'] }));
  }, 30_000);
  afterAll(async () => {
    await service?.stop();
    data.remove();
  });

  it('answers 403 to a source not on it, and records nothing', async () => {
    const answer = await fetch(`${service.url}/webhooks/mangopay/${SECRET}?${hook(1)}`);
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { type: string }).type).toBe('SOURCE_NOT_ALLOWED');
  });
});

describe('the API key kept beside the data when none is configured', () => {
  it('is created owner-only (0600) once, reused on the next start, and read by the CLI', () => {
    const data = temporaryDirectory('api-key');
    try {
      const first = ensureApiKeys([], data.path);
      if (E.isLeft(first)) throw new Error(first.left.message);
      expect(first.right.generated).toBe(true);
      expect(statSync(apiKeyFileOf(data.path)).mode & 0o777).toBe(0o600);
      expect(ensureApiKeys([], data.path)).toMatchObject({ right: { generated: false, keys: first.right.keys } });
      expect(readApiKey(data.path, {})).toBe(first.right.keys[0]?.key);
      expect(first.right.keys[0]?.role).toBe('platform');
      expect(readApiKey(data.path, { KYC_API_KEY: 'from-the-environment' })).toBe('from-the-environment');
    } finally {
      data.remove();
    }
  });

  it('comes with an auditor key beside it, owner-only (0600) too, distinct from the platform key and kept across starts', () => {
    const data = temporaryDirectory('auditor-api-key');
    try {
      const first = ensureApiKeys([], data.path);
      if (E.isLeft(first)) throw new Error(first.left.message);
      expect(first.right.auditorFile).toBe(auditorApiKeyFileOf(data.path));
      expect(statSync(auditorApiKeyFileOf(data.path)).mode & 0o777).toBe(0o600);
      const auditorKey = readAuditorApiKey(data.path, {});
      expect(first.right.keys).toEqual([
        { key: readApiKey(data.path, {}), role: 'platform' },
        { key: auditorKey, role: 'auditor' },
      ]);
      expect(auditorKey).not.toBe(readApiKey(data.path, {}));
      expect(ensureApiKeys([], data.path)).toMatchObject({ right: { keys: first.right.keys } });
      expect(readAuditorApiKey(data.path, { KYC_AUDITOR_API_KEY: 'from-the-environment' })).toBe('from-the-environment');
    } finally {
      data.remove();
    }
  });

  it('is not made when keys are configured: the configured keys, with their roles, are the only ones', () => {
    const data = temporaryDirectory('configured-keys');
    try {
      const configured = [{ key: KEY, role: 'auditor' as const }];
      expect(ensureApiKeys(configured, data.path)).toEqual(E.right({ keys: configured, file: undefined, auditorFile: undefined, generated: false }));
      expect(readdirSync(data.path)).toEqual([]);
    } finally {
      data.remove();
    }
  });
});

describe('secrets kept beside the data are never replaced', () => {
  it('a key file that exists but cannot be read, or is empty, is an error naming the file, and is left as it is', () => {
    const data = temporaryDirectory('secret-files');
    try {
      mkdirSync(join(data.path, 'api-key')); // a directory where the file should be: unreadable as a file
      expect(ensureApiKeys([], data.path)).toMatchObject({ _tag: 'Left', left: { type: 'SECRET_FILE_UNUSABLE', message: expect.stringContaining('cannot be read (EISDIR)') } });
      writeFileSync(join(data.path, 'personal-data-master-key'), '\n');
      expect(keepSecretFile(data.path, 'personal-data-master-key', () => 'new')).toMatchObject({ _tag: 'Left', left: { message: expect.stringContaining('is empty') } });
      expect(readFileSync(join(data.path, 'personal-data-master-key'), 'utf8')).toBe('\n');
    } finally {
      data.remove();
    }
  });

  it('two starts on a fresh directory keep one secret: the second finds the first and never writes over it', () => {
    const data = temporaryDirectory('secret-race');
    try {
      const first = keepSecretFile(data.path, 'personal-data-master-key', () => 'first-secret');
      const second = keepSecretFile(data.path, 'personal-data-master-key', () => 'second-secret');
      expect(first).toMatchObject({ right: { value: 'first-secret', created: true } });
      expect(second).toMatchObject({ right: { value: 'first-secret', created: false } });
      expect(readdirSync(data.path)).toEqual(['personal-data-master-key']);
    } finally {
      data.remove();
    }
  });
});
