/**
 * Issue 18's import figures: what importing each face of the package costs, each in a fresh Node process
 * (the built dist/, as an embedder loads it), faces interleaved run after run, the median kept. The root is
 * compared with the domain alone; "root + undici" is the root as it loaded before undici was made lazy.
 * `npm run bench import-cost`, or `node --import tsx bench/import-cost.bench.ts` (it builds dist/ first).
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 11;

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

const faces: ReadonlyArray<{ readonly name: string; readonly specifiers: ReadonlyArray<string> }> = [
  { name: 'domain alone (dist/domain/index.js)', specifiers: ['./dist/domain/index.js'] },
  { name: '`kyc-core` (the root)', specifiers: ['kyc-core'] },
  { name: 'root + undici (the root before issue 18)', specifiers: ['kyc-core', 'undici'] },
  { name: '`kyc-core/simulator`', specifiers: ['kyc-core/simulator'] },
  { name: '`kyc-core/sqlite`', specifiers: ['kyc-core/sqlite'] },
  { name: '`kyc-core/postgres`', specifiers: ['kyc-core/postgres'] },
  { name: '`kyc-core/eventstoredb`', specifiers: ['kyc-core/eventstoredb'] },
];

/** Imports the specifiers in a fresh process; wall and CPU milliseconds from the first import to the last. */
const timeImport = (specifiers: ReadonlyArray<string>): { readonly wall: number; readonly cpu: number } => {
  const script = `
const cpu = process.cpuUsage(); const t = performance.now();
for (const s of ${JSON.stringify(specifiers)}) await import(s);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall: performance.now() - t, cpu: (used.user + used.system) / 1000 }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as { wall: number; cpu: number };
};

const samples = faces.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
for (let run = 0; run < RUNS; run++) {
  faces.forEach((face, i) => {
    const { wall, cpu } = timeImport(face.specifiers);
    samples[i]!.wall.push(wall);
    samples[i]!.cpu.push(cpu);
  });
}
const median = (values: ReadonlyArray<number>) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const domain = { wall: median(samples[0]!.wall), cpu: median(samples[0]!.cpu) };
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const lines = [
  `### Import cost, fresh process per import (median of ${RUNS}, faces interleaved)`,
  '',
  '| face | wall ms | CPU ms | × domain (wall) | × domain (CPU) | target |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
];
faces.forEach((face, i) => {
  const wall = median(samples[i]!.wall);
  const cpu = median(samples[i]!.cpu);
  const ratio = wall / domain.wall;
  const target = face.specifiers.length === 1 && face.specifiers[0] === 'kyc-core' ? `≤ 1.5 ${ratio <= 1.5 ? '✔' : '✘'}` : '';
  lines.push(`| ${face.name} | ${fmt(wall)} | ${fmt(cpu)} | ${fmt(ratio, 2)} | ${fmt(cpu / domain.cpu, 2)} | ${target} |`);
});
console.log(lines.join('\n'));
