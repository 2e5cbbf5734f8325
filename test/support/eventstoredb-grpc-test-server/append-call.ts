import type { sendUnaryData, ServerReadableStream } from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog, ExpectedRevision, ProposedEvent } from './event-log.js';
import { invalidArgumentError, maxAppendSizeError, missingMetadataError, streamDeletedError } from './grpc-errors.js';
import { expectedRevisionOf, proposedEventOf, streamNameOf } from './protocol-values.js';

type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;

/** AppendResp.WrongExpectedVersion as Streams.Append.cs fills it: current and expected, in the new and the 20.6 fields. */
const wrongExpectedVersion = (expected: ExpectedRevision, current: bigint | undefined): AppendResp => {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (expected === 'any') wrong.setExpectedAny(new sharedPb.Empty()).setAny2060(new sharedPb.Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty()).setStreamExists2060(new sharedPb.Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  else wrong.setExpectedRevision(expected.toString());
  if (current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty()).setNoStream2060(new sharedPb.Empty());
  else wrong.setCurrentRevision(current.toString());
  return new streamsPb.AppendResp().setWrongExpectedVersion(wrong);
};

const success = (lastRevision: bigint | undefined, position: bigint): AppendResp => {
  const done = new streamsPb.AppendResp.Success();
  if (lastRevision === undefined) done.setNoStream(new sharedPb.Empty());
  else done.setCurrentRevision(lastRevision.toString());
  done.setPosition(new streamsPb.AppendResp.Position().setCommitPosition(position.toString()).setPreparePosition(position.toString()));
  return new streamsPb.AppendResp().setSuccess(done);
};

/**
 * Streams.Append, the client-streaming append: the options first, then one message per event; the outcome is
 * decided when the client ends its side. A wrong expected revision is an answer (not an error), a tombstoned
 * stream fails with `stream-deleted`, a missing `type` or `content-type` and a too large append fail the call.
 */
export const appendCall = (log: EventLog, onWrite: () => void) => (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
  let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
  const events: ProposedEvent[] = [];
  let failed = false;
  const fail = (error: Parameters<sendUnaryData<AppendResp>>[0]): void => {
    if (failed) return;
    failed = true;
    callback(error);
  };
  call.on('data', (request: AppendReq) => {
    if (failed) return;
    if (options === undefined) {
      options = request.getOptions();
      if (options === undefined) fail(invalidArgumentError('the first AppendReq must carry the options'));
      return;
    }
    const message = request.getProposedMessage();
    const event = message === undefined ? undefined : proposedEventOf(message);
    if (event === undefined) return fail(missingMetadataError());
    events.push(event);
  });
  call.on('error', () => undefined);
  call.on('end', () => {
    if (failed) return;
    if (options === undefined) return fail(invalidArgumentError('AppendReq without options'));
    const opts = options;
    const expected = expectedRevisionOf({
      hasAny: () => opts.hasAny(),
      hasNoStream: () => opts.hasNoStream(),
      hasStreamExists: () => opts.hasStreamExists(),
      revision: opts.hasRevision() ? opts.getRevision() : undefined,
    });
    if (expected === undefined) return fail(invalidArgumentError('no expected stream revision'));
    const name = streamNameOf(opts.getStreamIdentifier());
    const outcome = log.append(name, expected, events);
    switch (outcome.kind) {
      case 'too-large':
        return fail(maxAppendSizeError(outcome.maxAppendSize));
      case 'stream-deleted':
        return fail(streamDeletedError(name));
      case 'wrong-expected-version':
        return callback(null, wrongExpectedVersion(expected, outcome.current));
      case 'idempotent':
        return callback(null, success(outcome.lastRevision, outcome.position));
      case 'written':
        onWrite();
        return callback(null, success(outcome.lastRevision, outcome.position));
    }
  });
};
