import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The import graph of the sources, read from their text: every relative specifier of `import … from`,
 * `import type … from`, `export … from`, `export * as … from`, a side-effect `import '…'` and `import('…')`.
 * Type-only imports count: a cycle of types is still a cycle for a reader. A `.js` specifier names the `.ts`
 * file beside it (the sources are ESM and import what they compile to).
 */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** Every `.ts` file under a folder, depth first, in name order. */
export const filesUnder = (folder: string): string[] =>
  readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
    });

/** Every module specifier a file names, packages included, in the order written. */
export const specifiersOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => match[1] as string);

/** A relative specifier as the file it names (the sources import `.js`, the files are `.ts`). */
export const resolvedImport = (from: string, specifier: string): string => {
  const target = resolve(dirname(from), specifier);
  const ts = target.replace(/\.js$/, '.ts');
  return existsSync(ts) ? ts : target;
};

/** The files a file imports by a relative specifier (packages and `node:` left out), each once. */
export const relativeImports = (file: string): string[] => [
  ...new Set(specifiersOf(file).filter((specifier) => specifier.startsWith('.')).map((specifier) => resolvedImport(file, specifier))),
];

export type Graph = ReadonlyMap<string, ReadonlySet<string>>;

/** The file graph of every `.ts` file under a folder: file → the files under that folder it imports. */
export const fileGraph = (folder: string): Graph => {
  const files = filesUnder(resolve(folder));
  const known = new Set(files);
  return new Map(files.map((file) => [file, new Set(relativeImports(file).filter((target) => known.has(target)))]));
};

/**
 * The folder graph of a file graph: a folder is a file's directory, and folder A → folder B when a file of A
 * imports a file of B. A parent folder and its child are two folders like any others, so a parent's index.ts
 * that imports its child while the child imports a file of the parent is a cycle.
 */
export const folderGraph = (files: Graph): Graph => {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = dirname(file);
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of targets) if (dirname(target) !== from) edges.add(dirname(target));
  }
  return folders;
};

/** The strongly connected components of a graph (Tarjan), each in the graph's order. */
export const stronglyConnectedComponents = (graph: Graph): string[][] => {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const order = [...graph.keys()];
  const visit = (start: string): void => {
    // Iterative, so a deep graph cannot overflow the call stack.
    const work: Array<{ readonly node: string; readonly targets: string[] }> = [];
    const enter = (node: string): void => {
      index.set(node, next);
      lowLink.set(node, next);
      next += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, targets: [...(graph.get(node) ?? [])] });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { readonly node: string; readonly targets: string[] };
      const target = frame.targets.shift();
      if (target !== undefined) {
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) lowLink.set(frame.node, Math.min(lowLink.get(frame.node) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) lowLink.set(parent.node, Math.min(lowLink.get(parent.node) as number, lowLink.get(frame.node) as number));
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (;;) {
          const member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        const position = new Map(order.map((node, at) => [node, at]));
        components.push(component.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)));
      }
    }
  };
  for (const node of order) if (!index.has(node)) visit(node);
  return components;
};

/** A shortest cycle through `start` inside its component, as a path that ends where it starts. */
export const cycleThrough = (graph: Graph, start: string, component: ReadonlySet<string>): string[] => {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const target of graph.get(node) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const back: string[] = [];
        for (let at = node; at !== start; at = cameFrom.get(at) as string) back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
};

export interface Cycle {
  /** Every node of the strongly connected component. */
  readonly members: ReadonlyArray<string>;
  /** One cycle through its first member, first member repeated at the end. */
  readonly path: ReadonlyArray<string>;
}

/** The cycles of a graph: one per strongly connected component of more than one node. */
export const cyclesOf = (graph: Graph): Cycle[] =>
  stronglyConnectedComponents(graph)
    .filter((component) => component.length > 1)
    .map((members) => ({ members, path: cycleThrough(graph, members[0] as string, new Set(members)) }));
