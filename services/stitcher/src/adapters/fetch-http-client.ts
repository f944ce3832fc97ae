// HttpClient over Node's fetch: a time limit on every request, no redirects followed (a redirect
// could lead off the allowed hosts; the caller sees the 3xx).
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import type { HttpClient, HttpResponse } from '../ports.ts';

export const fetchHttpClient: HttpClient = {
  async get(url, opts): Promise<HttpResponse> {
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'manual', headers: opts.headers });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? undefined;
    return contentType === undefined ? { status: res.status, text } : { status: res.status, text, contentType };
  },
  async download(url, file, opts) {
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'manual' });
    if (res.status !== 200 || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
    await pipeline(Readable.fromWeb(res.body as ReadableStream), createWriteStream(file));
  },
};
