export { createHttpApp, type HttpApp, type HttpAppOptions } from './create-http-app.ts';
export { closeOnSignals, type Drainable } from './lifecycle.ts';
export { problemFrom, sendProblem, titleOf, type Problem } from './problem.ts';
export { sendJson } from './send-json.ts';
export { acceptOrCreateRequestId, REQUEST_ID_HEADER, REQUEST_ID_PATTERN } from './request-id.ts';
export { imageFormatClass, IMAGE_FORMAT_ACCEPT, IMAGE_FORMAT_ACCEPT_PATTERNS, type ImageFormatClass } from './image-format.ts';
export { BROWSER_REVALIDATES, purgedByKeyHeaders, sharedCacheControl, type SharedLifetime } from './purged-by-key-cache.ts';
export { matchesEtag } from './etag.ts';
