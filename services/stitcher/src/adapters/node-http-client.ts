// HttpClient over node:http/https with keep-alive agents: the stitcher's hot path (origin
// playlists, VAST, beacons) costs about a third of what fetch costs per request. A time limit on
// every request, no redirects followed (a redirect could lead off the allowed hosts; the caller
// sees the 3xx), bodies capped at 16 MiB. Downloads (creatives) use fetch's streaming.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpClient, HttpResponse } from '../ports.ts';
import { fetchHttpClient } from './fetch-http-client.ts';

const MAX_BODY = 16 * 1024 * 1024;

export function nodeHttpClient(opts: { maxSockets?: number } = {}): HttpClient & { close(): void } {
  // As many idle sockets kept as may be open: a burst of ADS requests reuses them instead of reconnecting.
  const maxSockets = opts.maxSockets ?? 256;
  const agentOpts = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' as const };
  const http = new HttpAgent(agentOpts);
  const https = new HttpsAgent(agentOpts);
  return {
    get(url, o): Promise<HttpResponse> {
      return new Promise((resolve, reject) => {
        let u: URL;
        try {
          u = new URL(url);
        } catch {
          return reject(new TypeError(`invalid URL ${url}`));
        }
        const secure = u.protocol === 'https:';
        if (!secure && u.protocol !== 'http:') return reject(new TypeError(`${url} is not http(s)`));
        let settled = false;
        const fail = (err: Error) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(err);
        };
        const req = (secure ? httpsRequest : httpRequest)(u, { method: 'GET', agent: secure ? https : http, headers: o.headers });
        const timer = setTimeout(() => {
          const err = new Error(`GET ${url} timed out after ${o.timeoutMs} ms`);
          err.name = 'TimeoutError';
          req.destroy(err);
          fail(err);
        }, o.timeoutMs);
        req.once('error', fail);
        req.once('response', (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= MAX_BODY) chunks.push(c);
            else {
              const err = new Error(`GET ${url}: body over ${MAX_BODY} bytes`);
              req.destroy(err);
              fail(err);
            }
          });
          res.once('error', fail);
          res.once('close', () => fail(new Error(`GET ${url}: the connection closed before the body ended`)));
          res.once('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
            const contentType = res.headers['content-type'];
            resolve(contentType === undefined ? { status: res.statusCode ?? 0, text } : { status: res.statusCode ?? 0, text, contentType });
          });
        });
        req.end();
      });
    },
    download: (url, file, o) => fetchHttpClient.download(url, file, o),
    close() {
      http.destroy();
      https.destroy();
    },
  };
}
