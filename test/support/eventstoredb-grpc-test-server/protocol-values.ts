import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { ExpectedRevision, LoggedEvent, ProposedEvent } from './event-log.js';

/** How protocol values map to the log's: stream names are UTF-8 bytes, revisions and positions uint64 decimal strings. */
type StreamIdentifier = InstanceType<typeof sharedPb.StreamIdentifier>;
type Uuid = InstanceType<typeof sharedPb.UUID>;

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

export const streamIdentifier = (streamName: string): StreamIdentifier => {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')));
  return identifier;
};

const hex = (value: bigint): string => BigInt.asUintN(64, value).toString(16).padStart(16, '0');

/** A UUID arrives as its string form or as two 64-bit halves (most significant first), as the client chooses. */
export const uuidOf = (uuid: Uuid | undefined): string | undefined => {
  if (uuid === undefined) return undefined;
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  if (!uuid.hasStructured()) return undefined;
  const structured = uuid.getStructured();
  if (structured === undefined) return undefined;
  const digits = hex(BigInt(structured.getMostSignificantBits())) + hex(BigInt(structured.getLeastSignificantBits()));
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
};

/** Read events carry their id in the form the read asked for (UUIDOption: string or structured). */
export const uuidMessage = (id: string, form: 'string' | 'structured'): Uuid => {
  const uuid = new sharedPb.UUID();
  if (form === 'string') return uuid.setString(id);
  const digits = id.replaceAll('-', '');
  const structured = new sharedPb.UUID.Structured();
  structured.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${digits.slice(0, 16)}`)).toString());
  structured.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${digits.slice(16)}`)).toString());
  return uuid.setStructured(structured);
};

/** The expected-revision oneof shared by Append, BatchAppend, Delete and Tombstone options. */
export const expectedRevisionOf = (options: {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
  revision: string | undefined;
}): ExpectedRevision | undefined => {
  if (options.hasAny()) return 'any';
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return options.revision === undefined ? undefined : BigInt(options.revision);
};

type ProposedMessage = InstanceType<typeof streamsPb.AppendReq.ProposedMessage> | InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;

/** A proposed message needs an id and the `type` and `content-type` metadata; JSON is `application/json`. */
export const proposedEventOf = (message: ProposedMessage): ProposedEvent | undefined => {
  const id = uuidOf(message.getId());
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (id === undefined || type === undefined || contentType === undefined) return undefined;
  return { id, type, isJson: contentType === 'application/json', data: message.getData_asU8(), metadata: message.getCustomMetadata_asU8() };
};

/** ReadResp.ReadEvent for an unresolved event: its record with type, created and content type, and its position. */
export const readEventResponse = (event: LoggedEvent, uuidForm: 'string' | 'structured'): InstanceType<typeof streamsPb.ReadResp> => {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(event.id, uuidForm));
  recorded.setStreamIdentifier(streamIdentifier(event.streamId));
  recorded.setStreamRevision(event.revision.toString());
  recorded.setCommitPosition(event.position.toString());
  recorded.setPreparePosition(event.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('created', event.createdTicks.toString());
  metadata.set('content-type', event.isJson ? 'application/json' : 'application/octet-stream');
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.metadata);
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  readEvent.setCommitPosition(event.position.toString());
  const response = new streamsPb.ReadResp();
  response.setEvent(readEvent);
  return response;
};

export const streamNotFoundResponse = (streamName: string): InstanceType<typeof streamsPb.ReadResp> => {
  const notFound = new streamsPb.ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(streamName));
  const response = new streamsPb.ReadResp();
  response.setStreamNotFound(notFound);
  return response;
};
