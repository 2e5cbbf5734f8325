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
export const runtimeFromEnvironment = async (
  overrides: Partial<KycConfig> = {},
  options: { readonly secrets?: 'create' | 'existing' } = {},
): Promise<KycRuntime> => runtimeFromConfig(configFromEnvironment(overrides), options);

/** `secrets: 'existing'` for commands that only read: they never create an API key or a master key. */
export const runtimeFromConfig = async (config: KycConfig, options: { readonly secrets?: 'create' | 'existing' } = {}): Promise<KycRuntime> => {
  const runtime = await buildKycRuntime(config, {
    onReadModelError: (message) => console.error(`read model: ${message}`),
    ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
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
