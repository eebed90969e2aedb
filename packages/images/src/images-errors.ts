import { defineErrorCodes } from '@hatago/platform/errors';

export const ImagesErrors = defineErrorCodes(
  'IMAGE_TYPE_UNSUPPORTED', // not JPEG, PNG, WebP, AVIF or GIF by its content
  'IMAGE_UNREADABLE', // looks like an image but does not decode
  'IMAGE_TOO_LARGE', // too many bytes
  'IMAGE_TOO_MANY_PIXELS', // declared dimensions past the pixel limit (decompression bombs)
  'IMAGE_TOO_SMALL',
  'IMAGE_ANIMATED',
  'INVALID_IMAGE_OWNER',
  'IMAGE_NOT_FOUND',
  'IMAGE_WIDTH_NOT_ALLOWED',
);
