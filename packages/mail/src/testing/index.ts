export { FakeHttpEndpoint, waitUntil, type Reaction, type ReceivedRequest } from './fake-http-endpoint.ts';
export { SAMPLE_PARAMS, sampleReservation } from './sample-params.ts';
