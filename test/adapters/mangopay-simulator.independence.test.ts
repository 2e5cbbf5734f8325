import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolvedImport as resolved, specifiersOf } from '../support/import-graph.js';

/**
 * The simulator is a model of Mangopay written from Mangopay's documentation, so it must not run the core's
 * rules: nothing under src/simulator may import src/domain, src/application or src/adapters, directly or through
 * another file. Every import of every file is followed from the entry point; only files of src/simulator and
 * packages may be reached.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const simulatorDir = join(root, 'src', 'simulator');

const reached = (): { readonly files: ReadonlySet<string>; readonly outside: ReadonlyArray<string> } => {
  const files = new Set<string>();
  const outside: string[] = [];
  const roots = readdirSync(simulatorDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => join(simulatorDir, name));
  const queue = [join(simulatorDir, 'index.ts'), ...roots];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of specifiersOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolved(file, specifier);
      if (relative(simulatorDir, target).startsWith('..')) outside.push(`${relative(root, file)} → ${relative(root, target)}`);
      else queue.push(target);
    }
  }
  return { files, outside };
};

describe('the simulator is independent of the core', () => {
  it('no file of src/simulator imports, even transitively, anything outside src/simulator but packages', () => {
    const { files, outside } = reached();
    expect(files.size).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });

  it('the check sees an import that leaves the folder (its reading of specifiers works)', () => {
    const sample = join(simulatorDir, 'page-rules.ts');
    expect(specifiersOf(sample)).toEqual(expect.arrayContaining(['node:crypto', './page-format.js']));
    expect(relative(simulatorDir, resolved(sample, '../domain/index.js')).startsWith('..')).toBe(true);
  });
});
