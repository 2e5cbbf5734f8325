export { startEventStoreDbGrpcTestServer, type EventStoreDbGrpcTestServer, type EventStoreDbGrpcTestServerOptions } from './test-server.js';
export { DELETED_STREAM_REVISION, type LoggedEvent } from './event-log.js';
