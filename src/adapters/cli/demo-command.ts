import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { platformKeyOf, readApiKey, startKycService } from '../composition-root/index.js';
import { runHttpDemo } from './demo/http-demo.js';
import { simulatorPlatformClient } from './demo/simulator-platform-client.js';
import { simulatorOf } from './running-simulator.js';
import { CliFailure, configFromEnvironment, runtimeFromEnvironment } from './runtime-from-environment.js';

export const demoCommand = (): Command =>
  new Command('demo')
    .description(
      "Walk a natural user's IDENTITY_PROOF to VALIDATED and an ADDRESS_PROOF to REFUSED, and a legal user's IDV session through the hosted page to VALIDATED, over HTTP; then print the audit timelines. Without --url, starts the service in-process (events in memory unless KYC_EVENT_STORE says otherwise) on a free port first.",
    )
    .option('--url <url>', 'a running `kyc serve` whose Mangopay is the simulator')
    .option('--simulator-url <url>', "the simulator's base URL (default: the one the service reports at GET /simulator)")
    .addHelpText(
      'after',
      '\nWhat it does and the timelines go to stdout, the in-process service\'s log (pino, warnings only) to stderr.\n' +
        'Exit status: 0 every flow ended as expected (also when the reader of stdout went away, e.g. `kyc demo | head`);\n' +
        '  1 a flow did not (the reason on stderr), the service could not start, or no API key for --url.',
    )
    .action(async (options: { url?: string; simulatorUrl?: string }) => {
      const print = (text: string) => console.log(text);
      if (options.url !== undefined) {
        const serviceUrl = options.url.replace(/\/+$/, '');
        const apiKey = readApiKey(configFromEnvironment().dataDir, process.env);
        if (apiKey === undefined) throw new CliFailure('No API key: set KYC_API_KEY, or run where the service keeps its data (KYC_DATA_DIR, default ./data)');
        const local = await simulatorOf(serviceUrl, apiKey);
        const simulator = simulatorPlatformClient(options.simulatorUrl ?? local.url, local.clientId, local.apiKey);
        await runHttpDemo({ serviceUrl, simulator, print, apiKey });
        return;
      }
      const runtime = await runtimeFromEnvironment({
        port: 0,
        ...(process.env['KYC_EVENT_STORE'] === undefined ? { eventStore: { kind: 'memory' } } : {}),
        mangopay: undefined,
        logLevel: 'warn',
        // A key for this run only: the in-process service leaves no key file behind.
        apiKeys: [{ key: randomBytes(32).toString('base64url'), role: 'platform' }],
      });
      const service = await startKycService(runtime, { log: print, logStream: process.stderr });
      try {
        const simulator = runtime.mangopay.simulator;
        const credentials = runtime.mangopay.simulatorCredentials;
        if (simulator === undefined || credentials === undefined) throw new CliFailure('the in-process demo needs the simulator');
        await runHttpDemo({
          serviceUrl: service.url,
          simulator: simulatorPlatformClient(simulator.baseUrl, credentials.clientId, credentials.apiKey),
          print,
          apiKey: platformKeyOf(runtime.apiKeys) as string,
        });
      } finally {
        await service.stop();
      }
    });
