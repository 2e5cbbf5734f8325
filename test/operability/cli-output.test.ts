import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../support/temporary-directory.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const kyc = (args: ReadonlyArray<string>, environment: Readonly<Record<string, string>>): ChildProcessWithoutNullStreams => {
  const directory = temporaryDirectory('cli-output');
  cleanups.push(directory.remove);
  return spawn(process.execPath, ['--import', 'tsx', 'src/adapters/cli/kyc.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', KYC_DATA_DIR: directory.path, KYC_EVENT_STORE: 'memory', ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
};

const closed = (child: ChildProcessWithoutNullStreams): Promise<number | null> => new Promise((resolve) => child.on('close', (code) => resolve(code)));

describe('the CLI output', () => {
  it('kyc demo | head: when the reader goes away the demo stops quietly, status 0, no stack trace', async () => {
    const child = kyc(['demo'], {});
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    // `head -1`: read one chunk, then close our end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    expect(await closed(child)).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  }, 60_000);

  it('kyc serve: the banner on stdout, pino on stderr, a 4xx logged with its error type; one SIGTERM stops it with 0', async () => {
    const child = kyc(['serve'], { PORT: '0', LOG_LEVEL: 'info', KYC_API_KEYS: 'cli-output-test-key-0123456789abcdef' });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    const url = await new Promise<string>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const found = /platform API on (http:\/\/\S+)/.exec(stdout)?.[1];
        if (found !== undefined) resolve(found);
      }),
    );
    const refused = await fetch(`${url}/kyc/documents`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    await refused.text();
    const exited = closed(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const line of stdout.trim().split('\n')) expect(line.startsWith('{')).toBe(false);
    const logged = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { readonly msg?: string; readonly type?: string; readonly status?: number });
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'request refused', type: 'UNAUTHENTICATED', status: 401 }));
    expect(stdout).toContain('SIGTERM: draining requests and closing the stores');
  }, 60_000);
});
