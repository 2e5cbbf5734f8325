/**
 * `kyc simulator` and `kyc serve` as processes of their own, started as a newcomer would (environment only),
 * for the tests that need real processes (several instances, restarts) and for bench/rest-api.bench.ts (the
 * service's memory is read from its own /proc entry, its CPU not shared with the load it answers).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'src', 'adapters', 'cli', 'kyc.ts');

export interface ChildService {
  readonly url: string;
  readonly pid: number;
  readonly stop: () => Promise<void>;
}

const waitForLine = async (child: ChildProcess, logFile: string, pattern: RegExp, what: string): Promise<string> => {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
    const match = pattern.exec(readFileSync(logFile, 'utf8'));
    if (match?.[1] !== undefined) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start within 60 s`);
};

const started = async (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>, logFile: string, pattern: RegExp, what: string): Promise<ChildService> => {
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  const url = await waitForLine(child, logFile, pattern, what);
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

export const SIMULATOR_CREDENTIALS = { clientId: 'bench-client', apiKey: 'bench-simulator-api-key' } as const;

export const startSimulatorProcess = (logFile: string, extraArguments: ReadonlyArray<string> = []): Promise<ChildService> =>
  started(
    ['simulator', '--port', '0', '--client-id', SIMULATOR_CREDENTIALS.clientId, '--api-key', SIMULATOR_CREDENTIALS.apiKey, ...extraArguments],
    {},
    logFile,
    /Mangopay simulator on (http:\/\/[^\s]+)/,
    'the simulator',
  );

/** `kyc serve` configured by environment variables only, as in README.md. */
export const startServiceProcess = (env: Readonly<Record<string, string>>, logFile: string): Promise<ChildService> =>
  started(['serve'], env, logFile, /platform API on (http:\/\/[^\s]+)/, 'kyc serve');

/** Resident and peak resident memory of a process, in MiB, from /proc (Linux). */
export const residentMemoryMiB = (pid: number): { readonly rss: number; readonly peak: number } => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
};
