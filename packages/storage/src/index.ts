export {
  assertValidKey,
  isValidKey,
  readBody,
  InvalidObjectKeyError,
  MAX_KEY_LENGTH,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from './object-storage.ts';
export { UrlSignature, type SignatureCheck, type SignedParams } from './signing/url-signature.ts';
export { LocalStorage, type LocalStorageOptions } from './local/local-storage.ts';
export { openSignedObject, type SignedObjectResult } from './signing/signed-download.ts';
export { signedObjectUrl } from './signing/signed-object-url.ts';
export { tracedStorage } from './traced-storage.ts';
