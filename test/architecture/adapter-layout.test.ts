import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesUnder, relativeImports } from '../support/import-graph.js';

/**
 * The adapters by technology: each of postgres/, sqlite/, eventstoredb/ and in-memory/ uses only itself and
 * shared/ among the adapters, and the rest of src/ reaches a technology only through its index.ts (its public
 * face), never into a file of its internals.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const adapters = join(root, 'src', 'adapters');
const TECHNOLOGIES = ['postgres', 'sqlite', 'eventstoredb', 'in-memory'];

const technologyOf = (path: string): string | undefined => {
  const inside = relative(adapters, path);
  if (inside.startsWith('..')) return undefined;
  const top = inside.split('/')[0] as string;
  return TECHNOLOGIES.includes(top) ? top : undefined;
};

describe('adapters grouped by technology', () => {
  it('a technology uses only itself and shared/ among the adapters', () => {
    const reaching = TECHNOLOGIES.flatMap((technology) =>
      filesUnder(join(adapters, technology)).flatMap((file) =>
        relativeImports(file)
          .filter((target) => !relative(adapters, target).startsWith('..'))
          .filter((target) => {
            const top = relative(adapters, target).split('/')[0];
            return top !== technology && top !== 'shared';
          })
          .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
      ),
    );
    expect(reaching).toEqual([]);
  });

  it('the rest of src/ reaches a technology only through its index.ts', () => {
    // Tests and benchmarks may look inside (a benchmark's baseline runs the adapter's own SQL); the code may not.
    const outside = filesUnder(join(root, 'src')).filter((file) => technologyOf(file) === undefined);
    const intoInternals = outside.flatMap((file) =>
      relativeImports(file)
        .filter((target) => technologyOf(target) !== undefined)
        .filter((target) => relative(join(adapters, technologyOf(target) as string), target) !== 'index.ts')
        .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
    );
    expect(intoInternals).toEqual([]);
  });
});

describe('the HTTP adapters', () => {
  const topFolderOf = (path: string): string => relative(adapters, path).split('/')[0] as string;
  const importsBetween = (from: string, to: string): string[] =>
    filesUnder(join(adapters, from)).flatMap((file) =>
      relativeImports(file)
        .filter((target) => topFolderOf(target) === to)
        .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
    );

  it("the platform API and the auditors' console import nothing of each other: what both need is in shared/http, and the composition root mounts the console", () => {
    expect([...importsBetween('http-service', 'auditors-console'), ...importsBetween('auditors-console', 'http-service')]).toEqual([]);
  });
});
