import { Command, InvalidArgumentError } from 'commander';
import { startMangopaySimulator, type RateLimitWindow } from '../../simulator/index.js';
import { untilStopped } from './runtime-from-environment.js';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
};

/** `900:2300,3600:8800`: windows of seconds and the calls each allows, shortest first, as Mangopay reports them. */
export const parseRateLimits = (value: string): ReadonlyArray<RateLimitWindow> => {
  const windows = value.split(',').map((part) => /^(\d{1,7}):(\d{1,9})$/.exec(part.trim()));
  if (windows.length === 0 || windows.some((match) => match === null || Number(match[1]) < 1 || Number(match[2]) < 1)) {
    throw new InvalidArgumentError('rate limits are <seconds>:<calls> pairs, comma-separated, e.g. 900:2300,3600:8800');
  }
  return windows.map((match) => ({ seconds: Number(match?.[1]), limit: Number(match?.[2]) }));
};

export const simulatorCommand = (): Command =>
  new Command('simulator')
    .description("Run the Mangopay simulator (API v2.01 paths, hosted IDV page, hooks) on 127.0.0.1, for offline development and the official SDK")
    .option('--port <n>', 'port to listen on (0: any free port)', port, 0)
    .requiredOption('--client-id <id>', 'the ClientId the simulator accepts')
    .requiredOption('--api-key <key>', 'the API key the simulator accepts')
    .option('--era <era>', "API generation: 'today' (REFUSED/OUT_OF_DATE/EXPIRED) or 'seed'", 'today')
    .option('--page-rules <rules>', "KYC page rules: 'today' (Mangopay's documentation) or 'seed' (seed 002)", 'today')
    .option('--rate-limits <windows>', "rate-limit windows as <seconds>:<calls>, comma-separated (default Mangopay's: 900:2300,1800:4500,3600:8800,86400:105600)", parseRateLimits)
    .addHelpText(
      'after',
      '\nPrints its URL on stdout once listening; SIGINT or SIGTERM stops it.\n' +
        'Exit status: 0 stopped by a signal; 1 it could not start (e.g. the port is taken) or a bad command line.',
    )
    .action(async (options: { port: number; clientId: string; apiKey: string; era: string; pageRules: string; rateLimits?: ReadonlyArray<RateLimitWindow> }) => {
      const simulator = await startMangopaySimulator({
        port: options.port,
        clientId: options.clientId,
        apiKey: options.apiKey,
        era: options.era === 'seed' ? 'seed' : 'today',
        pageRules: options.pageRules === 'seed' ? 'seed' : 'today',
        ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
      });
      console.log(`Mangopay simulator on ${simulator.baseUrl} (API at ${simulator.baseUrl}/v2.01/${options.clientId}/…, control API at /_simulator/)`);
      await untilStopped();
      await simulator.close();
    });
