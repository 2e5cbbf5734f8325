/**
 * Issue 18's import figures: what importing each face of the package costs, each in a fresh Node process
 * (the built package, as an embedder loads it through package.json's exports), faces interleaved run after run,
 * the median kept. The faces are bundled (scripts/bundle-package-faces.mjs); the root is compared with the domain
 * packaged the same way (bundled alone, the target) and with tsc's per-file domain, and the per-file root
 * (what the root loaded before bundling) is run beside them.
 * `npm run bench import-cost`, or `node --import tsx bench/import-cost.bench.ts` (it builds the package first).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 11;

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
// The domain bundled as the faces are (scripts/bundle-package-faces.mjs's options: dependencies external, names
// kept), inside the project so the dependencies resolve.
const domainBundle = join(root, 'dist/bench-domain-bundle/domain.js');
await build({
  absWorkingDir: root, entryPoints: ['dist/domain/index.js'], outfile: domainBundle, bundle: true, format: 'esm',
  platform: 'node', target: 'node20', packages: 'external', keepNames: true, logLevel: 'warning',
});

const faces: ReadonlyArray<{ readonly name: string; readonly specifiers: ReadonlyArray<string> }> = [
  { name: 'domain, bundled alone as the faces are', specifiers: [domainBundle] },
  { name: 'domain, tsc\'s per-file modules (dist/domain/index.js)', specifiers: ['./dist/domain/index.js'] },
  { name: '`kyc-core` (the root, bundled)', specifiers: ['kyc-core'] },
  { name: 'the root as tsc\'s per-file modules (dist/index.js, before bundling)', specifiers: ['./dist/index.js'] },
  { name: 'per-file root + undici (the root before issue 18)', specifiers: ['./dist/index.js', 'undici'] },
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
const bundledDomain = { wall: median(samples[0]!.wall), cpu: median(samples[0]!.cpu) };
const perFileDomain = { wall: median(samples[1]!.wall), cpu: median(samples[1]!.cpu) };
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const lines = [
  `### Import cost, fresh process per import (median of ${RUNS}, faces interleaved)`,
  '',
  '| face | wall ms | CPU ms | × bundled domain (wall) | × bundled domain (CPU) | × per-file domain (wall) | target |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
faces.forEach((face, i) => {
  const wall = median(samples[i]!.wall);
  const cpu = median(samples[i]!.cpu);
  const ratio = wall / bundledDomain.wall;
  const target = face.specifiers.length === 1 && face.specifiers[0] === 'kyc-core' ? `≤ 1.5 ${ratio <= 1.5 ? '✔' : '✘'}` : '';
  lines.push(`| ${face.name} | ${fmt(wall)} | ${fmt(cpu)} | ${fmt(ratio, 2)} | ${fmt(cpu / bundledDomain.cpu, 2)} | ${fmt(wall / perFileDomain.wall, 2)} | ${target} |`);
});
console.log(lines.join('\n'));
rmSync(dirname(domainBundle), { recursive: true, force: true });
