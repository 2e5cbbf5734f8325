import { Command } from 'commander';
import { startKycService } from '../composition-root/index.js';
import { runtimeFromEnvironment, untilStopped } from './runtime-from-environment.js';

export const serveCommand = (): Command =>
  new Command('serve')
    .description(
      'Run the platform REST API and the Mangopay webhook endpoint (configured by KYC_EVENT_STORE, MANGOPAY_BASE_URL, MANGOPAY_CLIENT_ID, MANGOPAY_API_KEY, PORT, KYC_PUBLIC_URL, KYC_PAGE_POLICY, LOG_LEVEL; without MANGOPAY_* the simulator runs in-process)',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: { host: string }) => {
      // Listening for the signal before starting: a SIGTERM during start-up (hook registration may take a while)
      // then stops the service gracefully once it is up, instead of killing it with requests in flight.
      const stopped = untilStopped();
      const runtime = await runtimeFromEnvironment();
      const service = await startKycService(runtime, { host: options.host, log: (line) => console.log(line) });
      const signal = await stopped;
      console.log(`${signal}: draining requests and closing the stores…`);
      await service.stop();
    });
