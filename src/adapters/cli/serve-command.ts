import { Command } from 'commander';
import { startKycService } from '../composition-root/index.js';
import { listenFailure, portUnavailable } from './port-probe.js';
import { CliFailure, configFromEnvironment, runtimeFromConfig, untilStopped } from './runtime-from-environment.js';

/** The conventional status of a process ended by a signal: 128 + its number. */
const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

export const serveCommand = (): Command =>
  new Command('serve')
    .description(
      'Run the platform REST API and the Mangopay webhook endpoint (configured by KYC_EVENT_STORE, MANGOPAY_BASE_URL, MANGOPAY_CLIENT_ID, MANGOPAY_API_KEY, PORT, KYC_PUBLIC_URL, KYC_PAGE_POLICY, LOG_LEVEL; without MANGOPAY_* the simulator runs in-process)',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addHelpText(
      'after',
      '\nBefore anything is written (API key, master key, the master key check in the database), the start checks the port,\n' +
        'the database, the secrets and that the master key is the one this database was sealed with; a failure is one line on stderr.\n' +
        'Exit status: 0 stopped by SIGINT/SIGTERM once serving (requests drained, stores closed); 1 the start failed (the reason\n' +
        'names the fix; nothing written); 130/143 SIGINT/SIGTERM during the start, before serving.',
    )
    .action(async (options: { host: string }) => {
      const config = configFromEnvironment();
      // One signal stops the process at any moment: before the port is listened on nothing is served, so it ends
      // at once; once listening it drains the requests in flight and closes the stores.
      let listening = false;
      let started = false;
      const stopped = untilStopped();
      void stopped.then((signal) => {
        if (listening || started) return;
        console.error(`${signal} during start: stopped before serving`);
        process.exit(SIGNAL_EXIT_CODES[signal] ?? 1);
      });
      const taken = await portUnavailable(config.port, options.host);
      if (taken !== undefined) throw new CliFailure(taken);
      const runtime = await runtimeFromConfig(config);
      let service;
      try {
        service = await startKycService(runtime, { host: options.host, log: (line) => console.log(line), logStream: process.stderr, onListening: () => void (listening = true) });
      } catch (error) {
        await runtime.close();
        throw new CliFailure(listenFailure(error, config.port, options.host));
      }
      started = true;
      const signal = await stopped;
      console.log(`${signal}: draining requests and closing the stores…`);
      await service.stop();
    });
