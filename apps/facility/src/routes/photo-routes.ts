import multipart from '@fastify/multipart';
import { type FormInput, hotelGallery } from '@hatago/catalog';
import { restaurantGallery } from '@hatago/dining';
import {
  addGalleryPhoto,
  DEFAULT_IMAGE_LIMITS,
  deleteGalleryPhoto,
  type GalleryScope,
  listGalleryPhotos,
  moveGalleryPhoto,
  updateGalleryPhotoAlt,
} from '@hatago/images';
import type { Executor } from '@hatago/db';
import type { HttpApp } from '@hatago/platform/http';
import type { FastifyRequest } from 'fastify';
import type { FacilityAppDeps } from '../deps.ts';
import { valuesOf } from '../views/form-values.ts';
import { photoGalleryPage } from '../views/photo-views.ts';
import { contextOf, formOf, restaurantContextOf, sendPage, submitForm } from './console-kit.ts';

type IdParams = { Params: { id: string } };

/**
 * Multipart is read by the upload handler itself, after the session check: a visitor who is
 * not signed in never gets a byte of an upload parsed. One file, a few short fields; the
 * file limit is one byte past the image limit, so a larger file arrives cut there and the
 * images module refuses it for its size, as a field error on the form.
 */
const UPLOAD_LIMITS = { files: 1, fileSize: DEFAULT_IMAGE_LIMITS.maxBytes + 1, fields: 6, fieldSize: 4096, parts: 8, headerPairs: 20 };

async function readUpload(request: FastifyRequest): Promise<{ form: FormInput; file: Buffer | undefined }> {
  const form: Record<string, string> = {};
  let file: Buffer | undefined;
  for await (const part of request.parts({ limits: UPLOAD_LIMITS })) {
    if (part.type === 'file') {
      // the name and declared type are the client's word; the images module reads the bytes
      if (part.fieldname === 'image') file = await part.toBuffer();
      else part.file.resume();
    } else if (typeof part.value === 'string') {
      form[part.fieldname] = part.value;
    }
  }
  return { form, file };
}

/** Whose gallery a set of photo routes manages: where they live, and the signed-in account's gallery. */
export interface PhotoRoutesOwner {
  basePath: '/facility/photos' | '/facility/restaurant/photos';
  galleryOf(request: FastifyRequest, db: Executor): GalleryScope;
}

export const HOTEL_PHOTO_ROUTES: PhotoRoutesOwner = {
  basePath: '/facility/photos',
  galleryOf: (request, db) => hotelGallery(db, contextOf(request)),
};

export const RESTAURANT_PHOTO_ROUTES: PhotoRoutesOwner = {
  basePath: '/facility/restaurant/photos',
  galleryOf: (request) => restaurantGallery(restaurantContextOf(request)),
};

/** The gallery pages of one kind of owner: each account reaches only its own hotel's or restaurant's photos. */
export function registerPhotoRoutes(app: HttpApp, { database, storage }: FacilityAppDeps, owner: PhotoRoutesOwner): void {
  const { db } = database;
  const { basePath } = owner;
  const galleryOf = (request: FastifyRequest) => owner.galleryOf(request, db);
  const gallery = async (request: FastifyRequest, upload = { values: {}, errors: [] } as Parameters<typeof photoGalleryPage>[3]) => {
    const scope = galleryOf(request);
    return photoGalleryPage(request.staff, { owner: scope.kind.owner, basePath }, await listGalleryPhotos(db, scope.kind, scope.ownerId), upload, request.query);
  };
  const saved = `${basePath}?saved=0`;

  app.get(basePath, async (request, reply) => sendPage(reply, await gallery(request)));

  app.register(async (uploads: HttpApp) => {
    await uploads.register(multipart, { throwFileSizeLimit: false, limits: UPLOAD_LIMITS });
    uploads.post(basePath, async (request, reply) => {
      const scope = galleryOf(request);
      const { form, file } = request.isMultipart() ? await readUpload(request) : { form: formOf(request), file: undefined };
      return submitForm(
        reply,
        async () => {
          await addGalleryPhoto(scope, storage, file, form);
          return saved;
        },
        (errors) => gallery(request, { values: valuesOf(form), errors }),
      );
    });
  });

  app.post<IdParams>(`${basePath}/:id`, async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await updateGalleryPhotoAlt(galleryOf(request), request.params.id, form);
        return saved;
      },
      (errors) => gallery(request, { values: {}, errors }),
    );
  });

  app.post<IdParams>(`${basePath}/:id/move`, async (request, reply) => {
    await moveGalleryPhoto(galleryOf(request), request.params.id, formOf(request).direction === 'earlier' ? 'earlier' : 'later');
    return reply.redirect(basePath, 303);
  });

  app.post<IdParams>(`${basePath}/:id/delete`, async (request, reply) => {
    await deleteGalleryPhoto(galleryOf(request), storage, request.params.id);
    return reply.redirect(basePath, 303);
  });
}
