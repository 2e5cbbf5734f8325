import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startServiceProcess, type ChildService } from '../support/kyc-processes.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * README.md's REST walkthrough, run as written by bash against a fresh `kyc serve` with its defaults (the service's
 * data directory is ./data where the block runs). Only the port is the test's, and `npx kyc` is this checkout's bin.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const shellBlocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? '');
const walkthrough = shellBlocks.find((block) => block.includes('kyc demo-user'));
/** The first block (`npm install && npm start`, `npm test`) is what .ci/run itself does; every other one runs here. */
const others = shellBlocks.filter((block) => block !== walkthrough && !block.includes('npm install && npm start'));

describe("README's REST walkthrough", () => {
  const work = temporaryDirectory('readme-walkthrough');
  let service: ChildService;
  beforeAll(async () => {
    mkdirSync(join(work.path, 'data'));
    const port = await freePort();
    // The defaults, made explicit where the process runs from another folder than the block: ./data beside the block.
    const data = join(work.path, 'data');
    service = await startServiceProcess({ PORT: String(port), KYC_DATA_DIR: data, KYC_EVENT_STORE: `sqlite:${join(data, 'kyc.sqlite')}` }, join(work.path, 'service.log'));
  }, 90_000);
  afterAll(async () => {
    await service?.stop();
    work.remove();
  });

  const asWritten = (block: string): string =>
    `set -euo pipefail\n${block.replaceAll('http://127.0.0.1:3000', service.url).replaceAll('npx kyc', `node ${join(root, 'bin/kyc.js')}`)}`;

  it('runs every other shell block as written (kyc demo --url against the running service)', () => {
    expect(others.length).toBeGreaterThan(0);
    for (const block of others) {
      const output = execFileSync('bash', ['-c', asWritten(block)], { cwd: work.path, encoding: 'utf8', timeout: 120_000, env: { ...process.env, KYC_API_KEY: '' } });
      expect(output.length).toBeGreaterThan(0);
    }
  }, 150_000);

  it('runs as written: a user at the simulator, a document with a page, submitted, read back, its timeline', () => {
    expect(walkthrough).toBeDefined();
    const output = execFileSync('bash', ['-c', asWritten(walkthrough as string)], { cwd: work.path, encoding: 'utf8', timeout: 60_000, env: { ...process.env, KYC_API_KEY: '' } });
    const [document, ...timeline] = output.split('\n');
    expect(JSON.parse(document ?? '')).toMatchObject({ Status: 'VALIDATION_ASKED', Tag: 'walkthrough', Pages: [{ Number: 1, Format: 'PDF' }] });
    expect(timeline.join('\n')).toMatch(/created[\s\S]*page[\s\S]*(submitted|VALIDATION_ASKED)/i);
  }, 90_000);
});
