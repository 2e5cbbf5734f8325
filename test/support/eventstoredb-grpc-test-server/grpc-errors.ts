import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import type { ExpectedRevision } from './event-log.js';

/**
 * The errors the test server answers, in the two forms EventStoreDB uses: unary and read calls fail with a gRPC
 * status whose trailers name the exception (RpcExceptions in the server: `exception`, `stream-name`, …), and
 * BatchAppend answers a google.rpc.Status with the detail packed as an Any (Status.cs in the server).
 */
type Trailers = Readonly<Record<string, string>>;

const rpcError = (code: status, details: string, trailers: Trailers): Partial<ServiceError> => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
};

/** RpcExceptions.StreamDeleted: FAILED_PRECONDITION, exception `stream-deleted`. */
export const streamDeletedError = (streamName: string) =>
  rpcError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, { exception: 'stream-deleted', 'stream-name': streamName });

/** The number the server puts in `expected-version`: a revision, or -1 (no stream), -2 (any), -4 (stream exists). */
const expectedNumber = (expected: ExpectedRevision): string =>
  expected === 'any' ? '-2' : expected === 'no_stream' ? '-1' : expected === 'stream_exists' ? '-4' : expected.toString();

/** RpcExceptions.WrongExpectedVersion (deletes): FAILED_PRECONDITION; `actual-version` empty for no stream. */
export const wrongExpectedVersionError = (operation: string, streamName: string, expected: ExpectedRevision, current: bigint | undefined) =>
  rpcError(status.FAILED_PRECONDITION, `${operation} failed due to WrongExpectedVersion. Stream: ${streamName}`, {
    exception: 'wrong-expected-version',
    'stream-name': streamName,
    'expected-version': expectedNumber(expected),
    'actual-version': current === undefined ? '' : current.toString(),
  });

/** RpcExceptions.MaxAppendSizeExceeded: INVALID_ARGUMENT, exception `maximum-append-size-exceeded`. */
export const maxAppendSizeError = (maxAppendSize: number) =>
  rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

/** RpcExceptions.RequiredMetadataPropertyMissing: each proposed event must carry `type` and `content-type`. */
export const missingMetadataError = () =>
  rpcError(status.INVALID_ARGUMENT, 'Required Metadata Property is missing', {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

export const invalidArgumentError = (details: string) => rpcError(status.INVALID_ARGUMENT, details, {});

/** What this test server does not model answers UNIMPLEMENTED, as a server without the method would. */
export const unimplementedError = (what: string) => rpcError(status.UNIMPLEMENTED, `The EventStoreDB test server does not model ${what}`, {});

const packed = (message: { serializeBinary(): Uint8Array }, typeName: string): InstanceType<typeof anyPb.Any> => {
  const any = new anyPb.Any();
  any.pack(message.serializeBinary(), typeName);
  return any;
};

const batchStatus = (code: number, message: string, detail: InstanceType<typeof anyPb.Any>): InstanceType<typeof statusPb.Status> => {
  const result = new statusPb.Status();
  result.setCode(code);
  result.setMessage(message);
  result.setDetails(detail);
  return result;
};

/** Status.WrongExpectedVersion: ALREADY_EXISTS with the current revision (or no stream) and what was expected. */
export const batchWrongExpectedVersion = (expected: ExpectedRevision, current: bigint | undefined) => {
  const detail = new sharedPb.WrongExpectedVersion();
  if (current === undefined) detail.setCurrentNoStream(new emptyPb.Empty());
  else detail.setCurrentStreamRevision(current.toString());
  if (expected === 'any') detail.setExpectedAny(new emptyPb.Empty());
  else if (expected === 'no_stream') detail.setExpectedNoStream(new emptyPb.Empty());
  else if (expected === 'stream_exists') detail.setExpectedStreamExists(new emptyPb.Empty());
  else detail.setExpectedStreamPosition(expected.toString());
  return batchStatus(codePb.Code.ALREADY_EXISTS, 'WrongExpectedVersion', packed(detail, 'event_store.client.WrongExpectedVersion'));
};

/** Status.StreamDeleted: NOT_FOUND with the stream's identifier. */
export const batchStreamDeleted = (identifier: InstanceType<typeof sharedPb.StreamIdentifier>) => {
  const detail = new sharedPb.StreamDeleted();
  detail.setStreamIdentifier(identifier);
  return batchStatus(codePb.Code.NOT_FOUND, 'StreamDeleted', packed(detail, 'event_store.client.StreamDeleted'));
};

/** Status.MaximumAppendSizeExceeded: INVALID_ARGUMENT with the limit. */
export const batchMaxAppendSize = (maxAppendSize: number) => {
  const detail = new sharedPb.MaximumAppendSizeExceeded();
  detail.setMaxappendsize(maxAppendSize);
  return batchStatus(codePb.Code.INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', packed(detail, 'event_store.client.MaximumAppendSizeExceeded'));
};

/** Status.BadRequest: a malformed request on the batch stream (e.g. the first part without options). */
export const batchBadRequest = (message: string) => {
  const detail = new sharedPb.BadRequest();
  detail.setMessage(message);
  return batchStatus(codePb.Code.INVALID_ARGUMENT, message, packed(detail, 'event_store.client.BadRequest'));
};
