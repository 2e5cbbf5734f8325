import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { EventLog } from './event-log.js';
import { invalidArgumentError, streamDeletedError, wrongExpectedVersionError } from './grpc-errors.js';
import { expectedRevisionOf, streamNameOf } from './protocol-values.js';

type DeleteReq = InstanceType<typeof streamsPb.DeleteReq>;
type TombstoneReq = InstanceType<typeof streamsPb.TombstoneReq>;
type DeleteResp = InstanceType<typeof streamsPb.DeleteResp>;
type TombstoneResp = InstanceType<typeof streamsPb.TombstoneResp>;

/**
 * Streams.Delete (soft delete) and Streams.Tombstone (hard delete), as Streams.Delete.cs: a wrong expected
 * revision fails with `wrong-expected-version`, a tombstoned stream with `stream-deleted`; success answers the
 * position of the record written.
 */
const removal = <Req extends DeleteReq | TombstoneReq>(log: EventLog, hard: boolean, onWrite: () => void) =>
  (call: ServerUnaryCall<Req, DeleteResp | TombstoneResp>, callback: sendUnaryData<DeleteResp | TombstoneResp>): void => {
    const options = call.request.getOptions();
    if (options === undefined) return callback(invalidArgumentError('request without options'));
    const name = streamNameOf(options.getStreamIdentifier());
    const expected = expectedRevisionOf({
      hasAny: () => options.hasAny(),
      hasNoStream: () => options.hasNoStream(),
      hasStreamExists: () => options.hasStreamExists(),
      revision: options.hasRevision() ? options.getRevision() : undefined,
    });
    if (expected === undefined) return callback(invalidArgumentError('no expected stream revision'));
    const outcome = log.remove(name, expected, hard);
    if (outcome.kind === 'stream-deleted') return callback(streamDeletedError(name));
    if (outcome.kind === 'wrong-expected-version') return callback(wrongExpectedVersionError('Delete', name, expected, outcome.current));
    onWrite();
    const response = hard ? new streamsPb.TombstoneResp() : new streamsPb.DeleteResp();
    const position = hard ? new streamsPb.TombstoneResp.Position() : new streamsPb.DeleteResp.Position();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    (response as TombstoneResp).setPosition(position as InstanceType<typeof streamsPb.TombstoneResp.Position>);
    callback(null, response);
  };

export const deleteCall = (log: EventLog, onWrite: () => void) => removal<DeleteReq>(log, false, onWrite);
export const tombstoneCall = (log: EventLog, onWrite: () => void) => removal<TombstoneReq>(log, true, onWrite);
