import * as E from 'fp-ts/lib/Either.js';
import { buildKycRuntime, loadConfig, type KycConfig, type KycRuntime } from '../composition-root/index.js';

/** A failure the CLI reports in one line and exits with status 1 for. */
export class CliFailure extends Error {}

export const configFromEnvironment = (overrides: Partial<KycConfig> = {}): KycConfig => {
  const config = loadConfig(process.env);
  if (E.isLeft(config)) throw new CliFailure(`Configuration: ${config.left.faults.map((f) => `${f.path} must be ${f.rule}`).join('; ')}`);
  return { ...config.right, ...overrides };
};

/** Builds the runtime from the environment (and overrides), or fails with the reason in one line. */
export const runtimeFromEnvironment = async (overrides: Partial<KycConfig> = {}): Promise<KycRuntime> => {
  const runtime = await buildKycRuntime(configFromEnvironment(overrides), {
    onReadModelError: (message) => console.error(`read model: ${message}`),
  })();
  if (E.isLeft(runtime)) throw new CliFailure(runtime.left.message);
  return runtime.right;
};

/** Resolves on the first SIGINT or SIGTERM: the signal to shut down gracefully. */
export const untilStopped = (): Promise<string> =>
  new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
