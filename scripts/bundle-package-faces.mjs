/**
 * Bundles the package's library faces (the root and its subpaths) from tsc's output in dist/ into dist/bundle/,
 * one file per face plus the chunks they share (issue 18: importing the root cost 0.47 ms of Node's own work per
 * module, for about 190 modules). The faces are bundled together, with code splitting, so code two faces share is
 * one chunk: importing `kyc-core` and `kyc-core/postgres` in one process yields one instance of every codec, class
 * and table, as the per-file modules did. Dependencies stay external (loaded from node_modules as before), so a
 * chunk that imports a driver is loaded only by the faces that reach it. The CLI and the reference service are not
 * bundled: they run from tsc's per-file modules, which also back the declarations.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Face → tsc's entry module; the keys are the file names under dist/bundle/, package.json's exports point at them. */
const PACKAGE_FACES = {
  index: 'dist/index.js',
  postgres: 'dist/adapters/postgres/index.js',
  sqlite: 'dist/adapters/sqlite/index.js',
  eventstoredb: 'dist/adapters/eventstoredb/index.js',
  simulator: 'dist/simulator/index.js',
  testing: 'dist/testing/index.js',
};

await build({
  absWorkingDir: projectRoot,
  entryPoints: PACKAGE_FACES,
  outdir: 'dist/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Renaming on collision would change what an error's or a class's `name` says.
  keepNames: true,
  logLevel: 'warning',
});
