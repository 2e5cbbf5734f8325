import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The package's faces, imported as a user imports them (through package.json's exports, from the built
 * dist/), in a fresh Node process that records every bare module it loads. The root must load no database
 * driver; each driver loads only from its own subpath.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A resolve hook (it runs on the loader thread) that appends every bare specifier to the file it is given, and
 * every module of the package itself (outside node_modules) as `own:` and its path from the project root.
 */
const RECORDING_LOADER = `
import { appendFileSync } from 'node:fs';
let file, project;
export const initialize = (data) => { file = data.file; project = data.project; };
export const resolve = async (specifier, context, next) => {
  if (!/^(\\.|node:|file:|data:|\\/)/.test(specifier)) appendFileSync(file, specifier + '\\n');
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith(project) && !resolved.url.includes('/node_modules/')) {
    appendFileSync(file, 'own:' + resolved.url.slice(project.length) + '\\n');
  }
  return resolved;
};`;

const load = (face: string): { readonly loaded: ReadonlyArray<string>; readonly own: ReadonlyArray<string>; readonly exports: ReadonlyArray<string> } => {
  const file = join(mkdtempSync(join(tmpdir(), 'kyc-faces-')), 'loaded.txt');
  writeFileSync(file, '');
  const script = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(RECORDING_LOADER)}), { data: { file: ${JSON.stringify(file)}, project: ${JSON.stringify(pathToFileURL(root).href)} } });
const exported = await import(${JSON.stringify(face)});
console.log(JSON.stringify(Object.keys(exported)));`;
  const exports = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as string[];
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  rmSync(dirname(file), { recursive: true, force: true });
  return {
    loaded: lines.filter((line) => !line.startsWith('own:')),
    own: lines.filter((line) => line.startsWith('own:')).map((line) => line.slice('own:'.length)),
    exports,
  };
};

const DRIVERS = ['pg', 'better-sqlite3', '@eventstore/db-client'];
/**
 * What the reference service, the CLI and the HTTP client load, and the root must not (issue 18): fastify and
 * its plugins, the logger, metrics, the container, the CLI parser, and undici, which the Mangopay HTTP client
 * loads when a client is made.
 */
const SERVICE_MODULES = ['fastify', '@fastify/', 'pino', 'prom-client', 'tsyringe', 'reflect-metadata', 'commander', 'undici', 'secure-json-parse'];
const isOneOf = (names: ReadonlyArray<string>) => (loaded: string) =>
  names.some((name) => loaded === name || loaded.startsWith(name.endsWith('/') ? name : `${name}/`));

describe('the package faces (built dist/, through package.json exports)', () => {
  it('kyc-core (the root) loads no database driver, no fastify, no undici, none of the service\'s modules', () => {
    const { loaded, exports } = load('kyc-core');
    expect(loaded.filter((name) => DRIVERS.some((driver) => name === driver || name.startsWith(`${driver}/`)))).toEqual([]);
    expect(loaded.filter(isOneOf(SERVICE_MODULES))).toEqual([]);
    expect(exports).toContain('createInMemoryEventStore');
    expect(exports).toContain('createMangopayHttpClient');
    expect(exports).not.toContain('createPostgresEventStore');
    expect(exports).not.toContain('startMangopaySimulator');
  });

  it.each(['kyc-core', 'kyc-core/postgres', 'kyc-core/sqlite', 'kyc-core/eventstoredb', 'kyc-core/simulator', 'kyc-core/testing'])(
    '%s loads the bundled face and the chunks the faces share, none of tsc\'s per-file modules',
    (face) => {
      const { own } = load(face);
      const name = face === 'kyc-core' ? 'index' : face.slice('kyc-core/'.length);
      expect(own).toContain(`dist/bundle/${name}.js`);
      expect(own.filter((path) => !/^dist\/bundle\/(\w+\.js|chunks\/chunk-\w+\.js)$/.test(path))).toEqual([]);
    },
  );

  it('kyc-core/simulator serves the simulator and loads no database driver', () => {
    const { loaded, exports } = load('kyc-core/simulator');
    expect(loaded.filter((name) => DRIVERS.some((driver) => name === driver || name.startsWith(`${driver}/`)))).toEqual([]);
    expect(exports).toContain('startMangopaySimulator');
  });

  it.each([
    ['kyc-core/postgres', 'pg', ['createPostgresEventStore', 'createPostgresCheckpointStore', 'createPostgresKycReadModel', 'createPostgresWebhookInbox', 'createPostgresPersonalDataKeyStore']],
    ['kyc-core/sqlite', 'better-sqlite3', ['createSqliteEventStore', 'createSqliteCheckpointStore', 'createSqliteKycReadModel', 'createSqliteWebhookInbox', 'createSqlitePersonalDataKeyStore']],
    ['kyc-core/eventstoredb', '@eventstore/db-client', ['createEventStoreDbEventStore', 'createEventStoreDbPersonalDataKeyStore']],
  ] as const)('%s serves every port of its technology and loads %s', (face, driver, factories) => {
    const { loaded, exports } = load(face);
    expect(loaded).toContain(driver);
    expect(exports).toEqual(expect.arrayContaining([...factories]));
  });
});
