import { Server, ServerCredentials } from '@grpc/grpc-js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { appendCall } from './append-call.js';
import { batchAppendCall } from './batch-append-call.js';
import { deleteCall, tombstoneCall } from './delete-calls.js';
import { createEventLog, type LoggedEvent } from './event-log.js';
import { readCall } from './read-call.js';
import { serverFeaturesImplementation, type ServerFeaturesAnswer } from './server-features-service.js';
import { seedNewDatabase, statsWriter } from './system-streams.js';

export interface EventStoreDbGrpcTestServerOptions {
  /** MaxAppendSize of the node, in bytes (EventStoreDB's default: 1 MiB). */
  readonly maxAppendSize?: number;
  /** How ServerFeatures answers: the methods (a 21.10+ server, appends by BatchAppend) or UNIMPLEMENTED (older, by Append). */
  readonly serverFeatures?: ServerFeaturesAnswer;
  /** A `$statsCollected` system event after every this many client writes (0: none). Default 5. */
  readonly statsEvery?: number;
}

export interface EventStoreDbGrpcTestServer {
  /** `esdb://127.0.0.1:<port>?tls=false`: a single node, no gossip, no TLS. */
  readonly connectionString: string;
  /** Every record in the log, deleted streams' included: what the node's chunk files hold (no scavenge runs). */
  readonly records: () => ReadonlyArray<LoggedEvent>;
  /** The streams that read as existing. */
  readonly liveStreams: () => ReadonlyArray<string>;
  readonly stop: () => Promise<void>;
}

const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

/**
 * A TEST DOUBLE of an EventStoreDB node (not a server of EventStoreDB's): an in-memory log behind EventStoreDB's
 * gRPC protocol, for the part the adapters use (Streams: Read, Append, BatchAppend, Delete, Tombstone; and
 * ServerFeatures), built on the client's own generated service definitions. Insecure, on 127.0.0.1, a port
 * the kernel picks. What it does not model is listed in README.md (EventStoreDB).
 */
export const startEventStoreDbGrpcTestServer = async (options: EventStoreDbGrpcTestServerOptions = {}): Promise<EventStoreDbGrpcTestServer> => {
  const log = createEventLog({ maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE });
  seedNewDatabase(log);
  // The Streams service takes messages up to a log record's size (16 MiB less its overhead), as the node's.
  const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve(bound) : reject(error))),
  );
  const afterWrite = statsWriter(log, `127.0.0.1:${port}`, options.statsEvery ?? 5);
  server.addService(streamsGrpc.StreamsService, {
    read: readCall(log),
    append: appendCall(log, afterWrite),
    batchAppend: batchAppendCall(log, afterWrite),
    delete: deleteCall(log, afterWrite),
    tombstone: tombstoneCall(log, afterWrite),
  });
  server.addService(serverFeaturesGrpc.ServerFeaturesService, serverFeaturesImplementation(options.serverFeatures ?? 'supported-methods'));
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    records: log.records,
    liveStreams: log.liveStreams,
    stop: () =>
      new Promise<void>((resolve) => {
        // Open calls (the client's BatchAppend stream) are cut rather than waited for.
        server.forceShutdown();
        resolve();
      }),
  };
};
