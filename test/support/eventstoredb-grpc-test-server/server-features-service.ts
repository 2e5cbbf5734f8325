import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { unimplementedError } from './grpc-errors.js';

/**
 * ServerFeatures.GetSupportedMethods as ServerFeatures.cs answers it: each method lower-cased, Read with the
 * features `position` and `events`, BatchAppend with `deadline_duration`. The client asks once per connection
 * and appends with BatchAppend only when it is listed; an older server (before 21.10) has no ServerFeatures
 * service, which the client takes as "unknown version" and appends with Append: `answer: 'unimplemented'`.
 */
export type ServerFeaturesAnswer = 'supported-methods' | 'unimplemented';

const STREAMS = 'event_store.client.streams.streams';
const SERVER_VERSION = '24.10.0';

export const serverFeaturesImplementation = (answer: ServerFeaturesAnswer) => ({
  getSupportedMethods: (
    _call: ServerUnaryCall<InstanceType<typeof sharedPb.Empty>, InstanceType<typeof serverFeaturesPb.SupportedMethods>>,
    callback: sendUnaryData<InstanceType<typeof serverFeaturesPb.SupportedMethods>>,
  ): void => {
    if (answer === 'unimplemented') return callback(unimplementedError('ServerFeatures (as a server before 21.10)'));
    const methods = new serverFeaturesPb.SupportedMethods();
    methods.setEventStoreServerVersion(SERVER_VERSION);
    const add = (methodName: string, features: ReadonlyArray<string>): void => {
      const method = new serverFeaturesPb.SupportedMethod();
      method.setServiceName(STREAMS).setMethodName(methodName).setFeaturesList([...features]);
      methods.addMethods(method);
    };
    add('read', ['position', 'events']);
    add('append', []);
    add('delete', []);
    add('tombstone', []);
    add('batchappend', ['deadline_duration']);
    callback(null, methods);
  },
});
