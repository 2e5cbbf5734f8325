import type { ServerDuplexStream } from '@grpc/grpc-js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog, ProposedEvent } from './event-log.js';
import { batchBadRequest, batchMaxAppendSize, batchStreamDeleted, batchWrongExpectedVersion } from './grpc-errors.js';
import { expectedRevisionOf, proposedEventOf, streamIdentifier, streamNameOf, uuidOf } from './protocol-values.js';

type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;

interface PendingWrite {
  readonly options: InstanceType<typeof streamsPb.BatchAppendReq.Options>;
  readonly correlationId: InstanceType<typeof sharedPb.UUID>;
  readonly events: ProposedEvent[];
}

/**
 * Streams.BatchAppend, the duplex append the client prefers when the server lists it: several appends share one
 * call, each a series of requests with one correlation id, the options on the first, `is_final` on the last.
 * Every append is answered on the stream with its correlation id: a success, or a google.rpc.Status error
 * (wrong expected version with the current revision, stream deleted, too large).
 */
export const batchAppendCall = (log: EventLog, onWrite: () => void) => (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
  const pending = new Map<string, PendingWrite>();

  const answer = (write: PendingWrite, fill: (response: BatchAppendResp) => void): void => {
    const response = new streamsPb.BatchAppendResp();
    response.setCorrelationId(write.correlationId);
    response.setStreamIdentifier(write.options.getStreamIdentifier() ?? streamIdentifier(''));
    fill(response);
    call.write(response);
  };

  const complete = (write: PendingWrite): void => {
    const { options } = write;
    const expected = expectedRevisionOf({
      hasAny: () => options.hasAny(),
      hasNoStream: () => options.hasNoStream(),
      hasStreamExists: () => options.hasStreamExists(),
      revision: options.hasStreamPosition() ? options.getStreamPosition() : undefined,
    });
    if (expected === undefined) return answer(write, (response) => response.setError(batchBadRequest('no expected stream position')));
    const name = streamNameOf(options.getStreamIdentifier());
    const outcome = log.append(name, expected, write.events);
    switch (outcome.kind) {
      case 'too-large':
        return answer(write, (response) => response.setError(batchMaxAppendSize(outcome.maxAppendSize)));
      case 'stream-deleted':
        return answer(write, (response) => response.setError(batchStreamDeleted(streamIdentifier(name))));
      case 'wrong-expected-version':
        return answer(write, (response) => response.setError(batchWrongExpectedVersion(expected, outcome.current)));
      case 'idempotent':
      case 'written': {
        if (outcome.kind === 'written') onWrite();
        const done = new streamsPb.BatchAppendResp.Success();
        if (outcome.lastRevision === undefined) done.setNoStream(new emptyPb.Empty());
        else done.setCurrentRevision(outcome.lastRevision.toString());
        done.setPosition(new sharedPb.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
        return answer(write, (response) => response.setSuccess(done));
      }
    }
  };

  call.on('data', (request: BatchAppendReq) => {
    const correlationId = request.getCorrelationId();
    const key = uuidOf(correlationId);
    if (correlationId === undefined || key === undefined) return;
    let write = pending.get(key);
    if (write === undefined) {
      const options = request.getOptions();
      if (options === undefined) {
        const response = new streamsPb.BatchAppendResp().setCorrelationId(correlationId).setError(batchBadRequest('the first request of an append carries its options'));
        return void call.write(response);
      }
      write = { options, correlationId, events: [] };
      pending.set(key, write);
    }
    for (const message of request.getProposedMessagesList()) {
      const event = proposedEventOf(message);
      if (event === undefined) {
        pending.delete(key);
        return answer(write, (response) => response.setError(batchBadRequest("a proposed message needs an id, 'type' and 'content-type'")));
      }
      write.events.push(event);
    }
    if (!request.getIsFinal()) return;
    pending.delete(key);
    complete(write);
  });
  call.on('error', () => undefined);
  // The server ends the call once the client ends its side (this client's proto has no `is_closing` answer).
  call.on('end', () => call.end());
};
