export { FakeHttpEndpoint, waitUntil, type Reaction, type ReceivedRequest } from './fake-http-endpoint.ts';
export { assertNoticeEscapes, assertRendersEmail } from './template-assertions.ts';
