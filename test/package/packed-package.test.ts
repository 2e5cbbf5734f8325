import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: `npm pack` of the built dist/, installed into a scratch TypeScript project
 * (strict, skipLibCheck false, its own node_modules), where every TypeScript block of README.md is compiled and
 * run, and every subpath's declarations are type-checked.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  readonly engines: { readonly node: string };
  readonly exports: Readonly<Record<string, unknown>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
};

/** maxBuffer: npm's output (`npm ls --all --long --json`) or tsc's can outgrow the 1 MiB default, failing with ENOBUFS. */
const run = (command: string, args: ReadonlyArray<string>, cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });

const readmeBlocks = (language: string): ReadonlyArray<string> =>
  [...readme.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm'))].map((match) => match[1] ?? '');

let workspace: string;
let tarball: string;
let packed: ReadonlyArray<string>;

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'kyc-packed-'));
  // dist/ is built by `npm test` before vitest runs; --ignore-scripts keeps pack from building it again.
  const [answer] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workspace], root)) as Array<{
    readonly filename: string;
    readonly files: ReadonlyArray<{ readonly path: string }>;
  }>;
  tarball = join(workspace, answer!.filename);
  packed = answer!.files.map((file) => file.path);
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds no build artefacts and no source maps pointing at an absent src/', () => {
    expect(packed.filter((path) => path.endsWith('.tsbuildinfo') || path.endsWith('.map'))).toEqual([]);
    expect(packed.filter((path) => path.startsWith('src/') || path.startsWith('test/'))).toEqual([]);
    expect(packed).toContain('dist/bundle/index.js');
    expect(packed).toContain('bin/kyc.js');
  });

  it('holds every file README.md links to, so the links work in the installed package', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!).filter((link) => !/^[a-z]+:/.test(link));
    expect(links.length).toBeGreaterThan(0);
    const missing = links.filter((link) => !packed.some((path) => path === link || path.startsWith(link.endsWith('/') ? link : `${link}/`)));
    expect(missing).toEqual([]);
  });

  it('claims no Node version a production dependency does not support (engines true to the dependencies)', () => {
    const tree = JSON.parse(run('npm', ['ls', '--omit=dev', '--all', '--long', '--json'], root)) as Dependency;
    interface Dependency { readonly name?: string; readonly version?: string; readonly path?: string; readonly dependencies?: Readonly<Record<string, Dependency>> }
    const narrower: string[] = [];
    const seen = new Set<string>();
    const walk = (node: Dependency): void => {
      for (const dependency of Object.values(node.dependencies ?? {})) {
        if (dependency.path === undefined || seen.has(dependency.path)) continue;
        seen.add(dependency.path);
        const { engines } = JSON.parse(readFileSync(join(dependency.path, 'package.json'), 'utf8')) as { engines?: { node?: string } };
        if (engines?.node !== undefined && !semver.subset(manifest.engines.node, engines.node)) {
          narrower.push(`${dependency.name}@${dependency.version} wants node ${engines.node}`);
        }
        walk(dependency);
      }
    };
    walk(tree);
    expect(seen.size).toBeGreaterThan(20);
    expect(narrower).toEqual([]);
  });

  it('installs in a scratch strict TypeScript project where the README compiles and runs, and every face type-checks', () => {
    const project = join(workspace, 'scratch');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    // --ignore-scripts: the snippet needs no native driver, and building better-sqlite3 takes minutes. fast-check
    // and vitest are what kyc-core/testing asks of a test team (its optional peers), at the versions we test with.
    const peers = ['fast-check', 'vitest'].map((name) => `${name}@${(manifest.peerDependencies ?? {})[name]}`);
    run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', tarball, '@types/node@20', ...peers], project);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false,
          noUncheckedIndexedAccess: true, types: ['node'], outDir: 'out', rootDir: '.',
        },
        include: ['*.ts'],
      }),
    );
    const blocks = readmeBlocks('ts');
    expect(blocks.length).toBeGreaterThan(0);
    blocks.forEach((block, index) => writeFileSync(join(project, `readme-${index + 1}.ts`), block));
    const faces = Object.keys(manifest.exports).map((face) => face.replace(/^\./, 'kyc-core'));
    writeFileSync(join(project, 'faces.ts'), faces.map((face, index) => `export * as face${index} from '${face}';`).join('\n'));

    const compiled = (() => {
      try {
        return { ok: true, output: run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], project) };
      } catch (error) {
        return { ok: false, output: String((error as { stdout?: unknown }).stdout) };
      }
    })();
    expect(compiled).toEqual({ ok: true, output: '' });
    blocks.forEach((_, index) => {
      expect(() => run(process.execPath, [join(project, 'out', `readme-${index + 1}.js`)], project)).not.toThrow();
    });
    expect(run(process.execPath, [join(project, 'node_modules/kyc-core/bin/kyc.js'), '--help'], project)).toContain('serve');
  }, 360_000);
});
