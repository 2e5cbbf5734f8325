import pg from 'pg';

/** A checkout waits this long for a connection: an unreachable host fails the request (a 503), never hangs it. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

/**
 * A pool as every PostgreSQL adapter here opens one: bounded connection attempts, TCP keep-alive (a server that
 * vanished without closing its sockets is noticed), and a listener for idle clients' errors. Without that listener
 * the 'error' of an idle connection the server dropped (restart, admin shutdown) would crash the process; the pool
 * removes such a client itself and the next query connects again. Checked-out clients: see with-pooled-client.ts.
 */
export const createPostgresPool = (connectionString: string, max: number): pg.Pool => {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS, keepAlive: true });
  pool.on('error', () => undefined);
  return pool;
};
