import { createServer } from 'node:net';

/**
 * Whether the port can be listened on, asked before anything is opened or written, so that a port taken is
 * refused in one line with the data directory untouched (the service's own listen still reports a race lost).
 * Answers the reason naming the fix, or undefined when the port is free.
 */
export const portUnavailable = (port: number, host: string): Promise<string | undefined> =>
  port === 0
    ? Promise.resolve(undefined)
    : new Promise((resolve) => {
        const probe = createServer();
        probe.once('error', (error: NodeJS.ErrnoException) => resolve(listenFailure(error, port, host)));
        probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
      });

/** The one line for a listen that failed: what is wrong and what to change. */
export const listenFailure = (error: unknown, port: number, host: string): string => {
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown cause';
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use (another kyc serve?): stop what listens there, or set PORT to a free port`;
    case 'EACCES':
      return `Port ${port} on ${host} is not allowed for this user: set PORT to a port above 1023`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `Address ${host} is not one of this machine's: pass --host with a local address (e.g. 127.0.0.1 or 0.0.0.0)`;
    default:
      return `Cannot listen on ${host}:${port} (${code}): check --host and PORT`;
  }
};
