import { Command } from 'commander';
import { readApiKey } from '../composition-root/index.js';
import { simulatorPlatformClient } from './demo/simulator-platform-client.js';
import { simulatorOf } from './running-simulator.js';
import { CliFailure, configFromEnvironment } from './runtime-from-environment.js';

/**
 * A user at the running service's simulator, for walking the REST API by hand: a platform creates its users at
 * Mangopay, not through the KYC core, so the walkthrough needs one before its first call.
 */
export const demoUserCommand = (): Command =>
  new Command('demo-user')
    .description("Create a user (a natural OWNER, or with --legal a BUSINESS) at the running service's in-process Mangopay simulator and print its Id")
    .requiredOption('--url <url>', 'a running `kyc serve` whose Mangopay is the simulator')
    .option('--legal', 'a legal user (LegalPersonType BUSINESS) instead of a natural one')
    .option('--json', 'print { "UserId": … } instead of the bare Id')
    .addHelpText(
      'after',
      '\nThe Id goes to stdout. The API key is KYC_API_KEY, else the one in KYC_DATA_DIR (default ./data).\n' +
        'Exit status: 0 created; 1 no API key, the key refused, or the service does not run the simulator (the reason on stderr).',
    )
    .action(async (options: { url: string; legal?: boolean; json?: boolean }) => {
      const serviceUrl = options.url.replace(/\/+$/, '');
      const apiKey = readApiKey(configFromEnvironment().dataDir, process.env);
      if (apiKey === undefined) throw new CliFailure('No API key: set KYC_API_KEY, or run where the service keeps its data (KYC_DATA_DIR, default ./data)');
      const simulator = await simulatorOf(serviceUrl, apiKey);
      const platform = simulatorPlatformClient(simulator.url, simulator.clientId, simulator.apiKey);
      const userId = options.legal === true ? await platform.createBusinessOwner() : await platform.createNaturalOwner();
      console.log(options.json === true ? JSON.stringify({ UserId: userId }) : userId);
    });
