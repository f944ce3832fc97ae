// One contract for both HttpClient adapters, against a real loopback server: status and body,
// content type, no redirect followed, a time limit that rejects with TimeoutError, refused hosts.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchHttpClient } from './fetch-http-client.ts';
import { nodeHttpClient } from './node-http-client.ts';
import type { HttpClient } from '../ports.ts';

let server: Server;
let base = '';
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/vast') return void res.writeHead(200, { 'content-type': 'application/xml' }).end('<VAST version="4.2"/>'.repeat(2000));
    if (req.url === '/redirect') return void res.writeHead(302, { location: '/vast' }).end();
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 2000).unref();
    if (req.url === '/header') return void res.writeHead(200).end(String(req.headers['x-test']));
    res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const node = nodeHttpClient();
after(() => node.close());
const clients: [string, HttpClient][] = [
  ['node:http', node],
  ['fetch', fetchHttpClient],
];
for (const [name, http] of clients) {
  describe(`HttpClient contract: ${name}`, () => {
    test('status, body and content type; request headers sent', async () => {
      const r = await http.get(`${base}/vast`, { timeoutMs: 2000 });
      assert.equal(r.status, 200);
      assert.equal(r.text.length, '<VAST version="4.2"/>'.length * 2000);
      assert.equal(r.contentType, 'application/xml');
      assert.equal((await http.get(`${base}/nope`, { timeoutMs: 2000 })).status, 404);
      assert.equal((await http.get(`${base}/header`, { timeoutMs: 2000, headers: { 'x-test': 'yes' } })).text, 'yes');
    });
    test('a redirect is answered, not followed', async () => {
      assert.equal((await http.get(`${base}/redirect`, { timeoutMs: 2000 })).status, 302);
    });
    test('the time limit rejects with TimeoutError', async () => {
      const t0 = Date.now();
      await assert.rejects(http.get(`${base}/slow`, { timeoutMs: 200 }), (err: Error) => err.name === 'TimeoutError' || err.name === 'AbortError');
      assert.ok(Date.now() - t0 < 1500);
    });
    test('a closed port rejects', async () => {
      await assert.rejects(http.get('http://127.0.0.1:9/x', { timeoutMs: 2000 }));
    });
  });
}
