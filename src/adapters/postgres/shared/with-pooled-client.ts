import type pg from 'pg';

/**
 * Runs `work` on one connection checked out of `pool`: the only way this adapter takes a client with
 * `pool.connect()`. The pool listens for a client's 'error' only while it is idle; a client that is out and
 * whose server goes away (restart, crash) emits 'error' with no listener, which kills the process. So a
 * listener is attached for as long as the client is out, and a client that failed (an error event, or
 * `work` rejecting) is released as broken: the pool closes it instead of handing it out again mid-transaction.
 * `work`'s rejection, or a failed checkout, is passed on for the adapter to turn into its typed error.
 */
export const withPooledClient = async <A>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<A>): Promise<A> => {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error): void => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    broken ??= error instanceof Error ? error : new Error('the work on a pooled PostgreSQL connection failed');
    throw error;
  } finally {
    // Removed and released in one step: the pool attaches its idle listener as the client goes back.
    client.removeListener('error', onError);
    client.release(broken);
  }
};
