import multipart from '@fastify/multipart';
import { addHotelPhoto, deleteHotelPhoto, listHotelPhotos, moveHotelPhoto, updateHotelPhotoAlt, type FormInput } from '@hatago/catalog';
import { DEFAULT_IMAGE_LIMITS } from '@hatago/images';
import type { HttpApp } from '@hatago/platform/http';
import type { FastifyRequest } from 'fastify';
import type { FacilityAppDeps } from '../deps.ts';
import { valuesOf } from '../views/form-values.ts';
import { photoGalleryPage } from '../views/photo-views.ts';
import { contextOf, formOf, hotelOf, sendPage, submitForm } from './console-kit.ts';

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

export function registerPhotoRoutes(app: HttpApp, { database, storage }: FacilityAppDeps): void {
  const { db } = database;
  const gallery = async (request: FastifyRequest, upload = { values: {}, errors: [] } as Parameters<typeof photoGalleryPage>[2]) =>
    photoGalleryPage(request.staff, await listHotelPhotos(db, hotelOf(request)), upload, request.query);

  app.get('/facility/photos', async (request, reply) => sendPage(reply, await gallery(request)));

  app.register(async (uploads: HttpApp) => {
    await uploads.register(multipart, { throwFileSizeLimit: false, limits: UPLOAD_LIMITS });
    uploads.post('/facility/photos', async (request, reply) => {
      const { form, file } = request.isMultipart() ? await readUpload(request) : { form: formOf(request), file: undefined };
      return submitForm(
        reply,
        async () => {
          await addHotelPhoto(db, contextOf(request), storage, file, form);
          return '/facility/photos?saved=0';
        },
        (errors) => gallery(request, { values: valuesOf(form), errors }),
      );
    });
  });

  app.post<IdParams>('/facility/photos/:id', async (request, reply) => {
    const form = formOf(request);
    return submitForm(
      reply,
      async () => {
        await updateHotelPhotoAlt(db, contextOf(request), request.params.id, form);
        return '/facility/photos?saved=0';
      },
      (errors) => gallery(request, { values: {}, errors }),
    );
  });

  app.post<IdParams>('/facility/photos/:id/move', async (request, reply) => {
    await moveHotelPhoto(db, contextOf(request), request.params.id, formOf(request).direction === 'earlier' ? 'earlier' : 'later');
    return reply.redirect('/facility/photos', 303);
  });

  app.post<IdParams>('/facility/photos/:id/delete', async (request, reply) => {
    await deleteHotelPhoto(db, contextOf(request), storage, request.params.id);
    return reply.redirect('/facility/photos', 303);
  });
}
