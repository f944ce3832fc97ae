// Creatives: upload (the MP4 bytes as the request body, checked with ffprobe before anything is
// stored), list, read, delete, and the media file itself (what VAST MediaFile/Mezzanine point at).
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { checkCreative } from './creative-check.ts';
import { AdsError } from './errors.ts';
import type { Creative } from './inventory.ts';
import type { Clock, InventoryRepository, MediaProber } from './ports.ts';
import { LIST_QUERY } from './schemas.ts';
import { ID_PATTERN } from './validate-inventory.ts';

export interface CreativeContext {
  repo: InventoryRepository;
  clock: Clock;
  prober: MediaProber;
  mediaDir: string;
  maxCreativeBytes: number;
  newId(prefix: string): string;
}

const UPLOAD_TYPES = ['video/mp4', 'application/octet-stream'];

/** Streams `body` into `file`, hashing it, refusing more than `max` bytes. */
async function receive(body: Readable, file: string, max: number): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max) return done(new AdsError('ADS_CREATIVE_TOO_LARGE', `the file is larger than ${max} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(body, meter, createWriteStream(file));
  return { size, sha256: hash.digest('hex') };
}

/** Builds a Creative from an uploaded file, or throws ADS_CREATIVE_INVALID; the file is the caller's to remove. */
export async function creativeFromFile(prober: MediaProber, file: string, meta: { id: string; name: string; fileName: string; sha256: string; size: number; nowIso: string }): Promise<Creative> {
  let info;
  try {
    info = await prober.probe(file);
  } catch (err) {
    throw new AdsError('ADS_CREATIVE_INVALID', `the file is not a video ffprobe can read (${(err as Error).message.slice(0, 200)})`);
  }
  const checked = checkCreative(info, meta.size);
  if (!checked.ok) throw new AdsError('ADS_CREATIVE_INVALID', checked.reason);
  return { id: meta.id, name: meta.name, file: meta.fileName, ...checked.fields, sha256: meta.sha256, createdAt: meta.nowIso };
}

export function registerCreativeRoutes(app: FastifyInstance, ctx: CreativeContext): void {
  app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));

  app.post<{ Querystring: { id?: string; name?: string } }>(
    '/api/ads/creatives',
    { schema: { querystring: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string', maxLength: 200 } } } } },
    async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!UPLOAD_TYPES.includes(type)) throw new AdsError('ADS_CREATIVE_UNSUPPORTED_TYPE', `send the MP4 bytes as the body with Content-Type video/mp4 (got ${type || 'none'})`);
      const id = request.query.id ?? ctx.newId('cr');
      if (!ID_PATTERN.test(id)) throw new AdsError('ADS_INVALID', 'id: must be 1–64 characters: letters, digits, _ . -', { field: 'id' });
      const name = (request.query.name ?? id).trim() || id;
      const length = Number(request.headers['content-length'] ?? NaN);
      if (length > ctx.maxCreativeBytes) throw new AdsError('ADS_CREATIVE_TOO_LARGE', `the file is larger than ${ctx.maxCreativeBytes} bytes`);
      if (await ctx.repo.get('creatives', id)) throw new AdsError('ADS_EXISTS', `a creative "${id}" already exists`);
      await mkdir(ctx.mediaDir, { recursive: true });
      const temp = join(ctx.mediaDir, `.upload-${randomUUID()}.mp4`);
      try {
        const { size, sha256 } = await receive(request.body as Readable, temp, ctx.maxCreativeBytes);
        if (size === 0) throw new AdsError('ADS_CREATIVE_INVALID', 'the body is empty: send the MP4 bytes');
        // Named by id and content: a concurrent upload under the same id never overwrites another's file.
        const fileName = `${id}-${sha256.slice(0, 12)}.mp4`;
        const creative = await creativeFromFile(ctx.prober, temp, { id, name, fileName, sha256, size, nowIso: new Date(ctx.clock.now()).toISOString() });
        await rename(temp, join(ctx.mediaDir, fileName));
        if (!(await ctx.repo.create('creatives', creative))) {
          // Another upload took the id meanwhile: keep its file, drop ours (unless it is the same bytes).
          const other = await ctx.repo.get('creatives', id);
          if (other?.file !== fileName) await rm(join(ctx.mediaDir, fileName), { force: true });
          throw new AdsError('ADS_EXISTS', `a creative "${id}" already exists`);
        }
        void reply.code(201);
        return creative;
      } finally {
        await rm(temp, { force: true });
      }
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>('/api/ads/creatives', { schema: { querystring: LIST_QUERY } }, async (request) => {
    const { limit, offset } = request.query;
    const { items, total } = await ctx.repo.list('creatives', { limit, offset });
    return { items, total, limit, offset };
  });

  app.get<{ Params: { id: string } }>('/api/ads/creatives/:id', async (request) => {
    const c = await ctx.repo.get('creatives', request.params.id);
    if (!c) throw new AdsError('ADS_CREATIVE_NOT_FOUND', `no creative "${request.params.id}"`);
    return c;
  });

  app.delete<{ Params: { id: string } }>('/api/ads/creatives/:id', async (request, reply) => {
    const c = await ctx.repo.get('creatives', request.params.id);
    const result = await ctx.repo.delete('creatives', request.params.id);
    if (result === 'not-found' || !c) throw new AdsError('ADS_CREATIVE_NOT_FOUND', `no creative "${request.params.id}"`);
    if (result === 'in-use') throw new AdsError('ADS_IN_USE', `the creative "${c.id}" is used by ads (delete them or point them at another creative first)`);
    await rm(join(ctx.mediaDir, c.file), { force: true });
    void reply.code(204);
  });

  // The media file: GET /ads/creatives/{id}.mp4, with single byte ranges for progressive players.
  app.get<{ Params: { file: string } }>('/ads/creatives/:file', async (request, reply) => {
    const m = /^(.+)\.mp4$/.exec(request.params.file);
    const c = m ? await ctx.repo.get('creatives', m[1]!) : undefined;
    if (!c) throw new AdsError('ADS_CREATIVE_NOT_FOUND', `no creative file "${request.params.file}"`);
    const path = join(ctx.mediaDir, c.file);
    const size = await stat(path).then(
      (s) => s.size,
      () => {
        throw new AdsError('ADS_CREATIVE_NOT_FOUND', `the media file of creative "${c.id}" is missing`);
      },
    );
    void reply.type('video/mp4').header('accept-ranges', 'bytes').header('cache-control', 'public, max-age=86400').header('access-control-allow-origin', '*');
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
    if (range && (range[1] !== '' || range[2] !== '')) {
      const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
      const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(size - 1, Number(range[2]));
      if (start > end || start >= size) {
        void reply.code(416).header('content-range', `bytes */${size}`);
        return '';
      }
      void reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`).header('content-length', end - start + 1);
      return reply.send(createReadStream(path, { start, end }));
    }
    void reply.header('content-length', size);
    return reply.send(createReadStream(path));
  });
}
