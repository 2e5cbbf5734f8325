import type { ServerWritableStream } from '@grpc/grpc-js';
import type streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog, LoggedEvent } from './event-log.js';
import { invalidArgumentError, streamDeletedError, unimplementedError } from './grpc-errors.js';
import { readEventResponse, streamNameOf, streamNotFoundResponse } from './protocol-values.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;

/**
 * Streams.Read for reads with a count (stream or $all, forwards or backwards, no filter). A missing stream is
 * answered with a StreamNotFound message (servers since 21.10), a tombstoned one fails with `stream-deleted`.
 * $all holds every record, system events and deleted streams' events included: the client filters.
 */
export const readCall = (log: EventLog) => (call: ServerWritableStream<ReadReq, ReadResp>): void => {
  const options = call.request.getOptions();
  if (options === undefined) return void call.emit('error', invalidArgumentError('ReadReq without options'));
  // Subscriptions and server-side filters are not used by the adapters (client 6.2.1 reads $all without a filter).
  if (options.hasSubscription()) return void call.emit('error', unimplementedError('subscriptions'));
  if (options.hasFilter()) return void call.emit('error', unimplementedError('filtered reads'));
  // The server refuses a read without a UUID option (RpcExceptions.RequiredArgument).
  const uuidOption = options.getUuidOption();
  if (uuidOption === undefined) return void call.emit('error', invalidArgumentError('uuidOption is required'));
  const uuidForm = uuidOption.hasStructured() ? 'structured' : 'string';
  const direction = options.getReadDirection() === 1 ? 'backwards' : 'forwards';
  const count = BigInt(options.getCount());

  const send = (events: ReadonlyArray<LoggedEvent>): void => {
    for (const event of events) {
      if (call.cancelled) return;
      call.write(readEventResponse(event, uuidForm));
    }
    call.end();
  };

  const stream = options.getStream();
  if (stream !== undefined) {
    const name = streamNameOf(stream.getStreamIdentifier());
    const from = stream.hasStart() ? 'start' : stream.hasEnd() ? 'end' : BigInt(stream.getRevision());
    const read = log.readStream(name, from, direction, count);
    if (read.kind === 'deleted') return void call.emit('error', streamDeletedError(name));
    if (read.kind === 'not-found') {
      call.write(streamNotFoundResponse(name));
      return void call.end();
    }
    return send(read.events);
  }
  const all = options.getAll();
  if (all === undefined) return void call.emit('error', invalidArgumentError('ReadReq reads neither a stream nor $all'));
  const position = all.getPosition();
  const from = all.hasStart() ? 'start' : all.hasEnd() || position === undefined ? 'end' : { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };
  send(log.readAll(from, direction, count));
};
