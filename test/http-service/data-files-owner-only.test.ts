import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { buildKycRuntime, startKycService } from '../../src/adapters/composition-root/index.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

const everyFile = (directory: string): ReadonlyArray<string> =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? everyFile(join(directory, entry.name)) : [join(directory, entry.name)],
  );

describe('every file the service creates is owner-only (0600)', () => {
  it('a first start on a fresh data directory: API key, master key, SQLite files (with -wal and -shm), whatever else', async () => {
    const folder = temporaryDirectory('owner-only-start');
    const data = join(folder.path, 'data');
    try {
      // No API key, no master key: the service generates both into the data directory, beside the SQLite store.
      const config = serviceConfigForTests({ kind: 'sqlite', filename: join(data, 'kyc.sqlite') }, data, []);
      const built = await buildKycRuntime(config)();
      if (E.isLeft(built)) throw new Error(built.left.message);
      const runtime = built.right;
      const service = await startKycService(runtime);
      try {
        // Some traffic, so the stores write (and SQLite opens its journal files).
        const key = runtime.apiKeys.keys[0]?.key;
        await fetch(`${service.url}/kyc/documents`, { headers: { authorization: `Bearer ${key}` } });
        const files = everyFile(data);
        expect(files.map((file) => file.slice(data.length + 1)).sort()).toEqual(expect.arrayContaining(['api-key', 'kyc.sqlite', 'personal-data-master-key']));
        for (const file of files) expect((statSync(file).mode & 0o777).toString(8), file.slice(data.length + 1)).toBe('600');
      } finally {
        await service.stop();
      }
      // After a clean stop too (SQLite may leave or rewrite files on close).
      for (const file of everyFile(data)) expect((statSync(file).mode & 0o777).toString(8), file.slice(data.length + 1)).toBe('600');
    } finally {
      folder.remove();
    }
  });
});
