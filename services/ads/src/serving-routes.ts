// What stitchers and players call: GET /ads/vast (the ad request), GET /ads/vmap (a VOD
// programme's breaks), GET /ads/track/{event} (the beacon receiver). No route schema here: every
// parameter is optional and an unknown one is a targeting value, so the parser owns validation.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AdServer, VastResult } from './ad-server.ts';

/** The smallest transparent GIF (1x1), for beacons fired as images. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The ad response's headers but its length, as writeHead's flat list. */
const VAST_HEADERS = ['content-type', 'application/xml; charset=utf-8', 'cache-control', 'no-store', 'access-control-allow-origin', '*', 'content-length'];

/**
 * Sends the body (bytes of a known length: no string to encode on the way out) straight to Node's
 * response: the route owns the reply (Fastify's send path, content-type parsing and onSend hooks
 * are skipped; its onRequest and onResponse hooks and its request log still run). When the socket
 * took every byte (nothing left queued in Node or libuv) the body's buffer goes back to the
 * renderer for the next response; a body still queued (a slow client) keeps its buffer.
 */
function sendVast(reply: FastifyReply, result: VastResult): void {
  void reply.hijack();
  const res = reply.raw;
  res.writeHead(200, [...VAST_HEADERS, String(result.body.length)]);
  res.end(result.body);
  if (res.writableLength === 0) result.release();
}

export function registerServingRoutes(app: FastifyInstance, server: AdServer): void {
  // Not an async handler: with a synchronous counter store the body is sent in the same tick, with
  // no promise per request; a remote store gives a promise.
  app.get<{ Querystring: Record<string, unknown> }>('/ads/vast', (request, reply) => {
    const result = server.vastNow(request.query, request.headers, request.ip, request.protocol, true);
    if (result instanceof Promise) return result.then((r) => sendVast(reply, r));
    sendVast(reply, result);
    return undefined;
  });

  app.get<{ Querystring: Record<string, unknown> }>('/ads/vmap', async (request, reply) => {
    const xml = await server.vmap(request.query, request.headers, request.ip, request.protocol);
    void reply.type('application/xml; charset=utf-8').header('cache-control', 'no-store').header('access-control-allow-origin', '*');
    return xml;
  });

  app.get<{ Params: { event: string }; Querystring: Record<string, unknown> }>('/ads/track/:event', async (request, reply) => {
    await server.beacon(request.params.event, request.query);
    void reply.header('cache-control', 'no-store').header('access-control-allow-origin', '*');
    const wantsImage = request.query.format === 'gif' || (request.headers.accept ?? '').includes('image/');
    if (wantsImage) return reply.code(200).type('image/gif').send(PIXEL_GIF);
    return reply.code(204).send();
  });
}
