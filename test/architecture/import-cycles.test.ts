import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cyclesOf, fileGraph, folderGraph, relativeImports, type Cycle, type Graph } from '../support/import-graph.js';

/**
 * No cycles in src/, of files or of folders. A folder is a file's directory, and folder A → folder B when a file
 * of A imports a file of B; a parent and its child are two folders, so a child that imports its parent's
 * index.ts (or any file of the parent) while the parent imports the child is a cycle too. Type-only imports
 * count: a cycle of types is still a cycle for a reader. What breaks a cycle is moving the shared piece to where
 * both sides can import it without importing each other (domain/shared, application/ports, a child folder).
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const src = join(root, 'src');
const shown = (path: string): string => relative(root, path) || '.';

/** A cycle as the next person needs it: one path round it, and every member of its component when there are more. */
const described = (cycle: Cycle): string => {
  const path = cycle.path.map(shown).join(' → ');
  const others = cycle.members.filter((member) => !cycle.path.includes(member));
  return others.length === 0 ? path : `${path} (in one knot with ${others.map(shown).join(', ')})`;
};

const files = fileGraph(src);

/** Which imports make folder `from` → folder `to`: the first, and how many there are. */
const imports = (from: string, to: string): string => {
  const across = [...files].flatMap(([file, targets]) =>
    dirname(file) === from ? [...targets].filter((target) => dirname(target) === to).map((target) => `${shown(file)} → ${shown(target)}`) : [],
  );
  return across.length === 1 ? (across[0] as string) : `${across[0] as string} and ${across.length - 1} more`;
};

/** A folder cycle with, for each step, the import that makes it. */
const describedFolders = (cycle: Cycle): string =>
  `${described(cycle)}: ${cycle.path
    .slice(1)
    .map((to, at) => imports(cycle.path[at] as string, to))
    .join('; ')}`;

describe('the import graph of src/ has no cycles', () => {
  it('no file cycle: no two files import each other, directly or through others', () => {
    expect(cyclesOf(files).map(described)).toEqual([]);
  });

  it('no folder cycle: no two folders (a parent and its child included) import each other, directly or through others', () => {
    expect(cyclesOf(folderGraph(files)).map(describedFolders)).toEqual([]);
  });
});

describe('the import graph the check reads', () => {
  it('sees every kind of import: import, import type, export … from, export * as … from', () => {
    const testing = join(src, 'testing', 'index.ts');
    expect(relativeImports(testing)).toContain(join(src, 'testing', 'fuzz', 'index.ts'));
    // `import type { ReconcileError, ReconcileOutcome } from '../reconciliation/reconcile-errors.js'`
    const processInbox = join(src, 'application', 'webhooks', 'process-inbox.ts');
    expect(files.get(processInbox)).toContain(join(src, 'application', 'reconciliation', 'reconcile-errors.ts'));
    expect(files.size).toBeGreaterThan(300);
  });

  it('finds a cycle of files and the cycle of their folders, a parent and its child included', () => {
    const graph: Graph = new Map([
      ['/p/index.ts', new Set(['/p/child/a.ts'])],
      ['/p/child/a.ts', new Set(['/p/child/b.ts'])],
      ['/p/child/b.ts', new Set(['/p/index.ts'])],
      ['/p/other/c.ts', new Set(['/p/child/a.ts'])],
    ]);
    expect(cyclesOf(graph).map((cycle) => cycle.path)).toEqual([['/p/index.ts', '/p/child/a.ts', '/p/child/b.ts', '/p/index.ts']]);
    expect(cyclesOf(folderGraph(graph)).map((cycle) => cycle.path)).toEqual([['/p', '/p/child', '/p']]);
    const acyclic: Graph = new Map([
      ['/p/index.ts', new Set(['/p/child/a.ts'])],
      ['/p/child/a.ts', new Set(['/p/shared/s.ts'])],
      ['/p/shared/s.ts', new Set<string>()],
    ]);
    expect(cyclesOf(folderGraph(acyclic))).toEqual([]);
  });
});
