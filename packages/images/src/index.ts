export { ImagesErrors } from './images-errors.ts';
export { formatImageKey, parseImageKey, type ImageExt, type ImageKey } from './image-key.ts';
export { IMAGE_WIDTHS, isImageWidth, widthsFor, type ImageWidth } from './image-widths.ts';
export { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits.ts';
export { storeImage, type StoreImageOptions, type StoredImage } from './store-image.ts';
export { renderImage, renditionOf, type Rendition, type RenditionRequest } from './render-image.ts';
export { imageUrl, responsiveImage, type ResponsiveImage } from './image-srcset.ts';
export { deleteImage } from './delete-image.ts';
export { photoIn, photoViewOf, type BilingualPhoto, type PhotoView } from './photo-view.ts';
export {
  addGalleryPhoto,
  deleteGalleryPhoto,
  GALLERY_PHOTOS_MAX,
  galleryCovers,
  galleryImageOwner,
  galleryShown,
  listGalleryPhotos,
  moveGalleryPhoto,
  updateGalleryPhotoAlt,
  type GalleryKind,
  type GalleryPhoto,
  type GalleryScope,
} from './owner-gallery.ts';
