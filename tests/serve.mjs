// A static file server for the built site (dist/), on 127.0.0.1 and a free port.
// Serves the pre-compressed .br/.gz files as a real host would.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv',
  '.bin': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
};

// Each of these is asked of every segment download, with its path: `failBundle(path)`
// true: it fails (503). `slowBundle(path)` true: it arrives in 20 pieces over about two
// seconds, as on a slow phone network. `damageBundle(path)` true: it arrives whole but
// with one byte changed, as a broken proxy or disk would give it (sent uncompressed, so
// that it still decodes). `stall(path)`, asked of every file: true, half of it arrives
// and then nothing more, the connection left open, as when a phone loses its network
// mid-download (the server drops it after two minutes).
// `prefix` (e.g. `/search/`): the site lives under that path, as on a host's sub-path.
// `port`: 0 for any free one.
// `requests` lists every path asked for, in order, and `sent()` counts the body bytes
// served (compressed as sent), so a test can tell what crossed the network: what the
// service worker answered from its cache never reaches the server. `log` has each
// request's path, arrival time (ms since the epoch) and the body bytes sent for it.
export function serve(root, { failBundle = () => false, slowBundle = () => false, damageBundle = () => false, stall = () => false, prefix = '/', port = 0 } = {}) {
  const requests = [];
  const log = [];
  let sent = 0;
  // The Content-Security-Policy of `_headers` (written by `make dist`/`make site`), so
  // every browser test runs under the policy a host would send.
  const headersFile = path.join(root, '_headers');
  const csp = fs.existsSync(headersFile)
    ? fs.readFileSync(headersFile, 'utf8').match(/Content-Security-Policy: (.*)/)?.[1]
    : undefined;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname);
    const entry = { path: url.pathname, at: Date.now(), bytes: 0 };
    log.push(entry);
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length - 1)));
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const bundle = /\/index\.[0-9a-f]+\.bin$/.test(url.pathname);
    if (bundle && failBundle(url.pathname)) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    if (!fs.existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    if (csp) headers['content-security-policy'] = csp;
    if (bundle && damageBundle(url.pathname)) {
      const bytes = fs.readFileSync(file);
      bytes[bytes.length >> 1] ^= 0x20;
      res.writeHead(200, headers).end(bytes);
      entry.bytes = bytes.length;
      sent += bytes.length;
      return;
    }
    const accepts = req.headers['accept-encoding'] || '';
    let body = file;
    if (accepts.includes('br') && fs.existsSync(file + '.br')) {
      body = file + '.br';
      headers['content-encoding'] = 'br';
    } else if (accepts.includes('gzip') && fs.existsSync(file + '.gz')) {
      body = file + '.gz';
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers);
    entry.bytes = fs.statSync(body).size;
    sent += entry.bytes;
    if (stall(url.pathname)) {
      const bytes = fs.readFileSync(body);
      const half = bytes.length >> 1;
      res.write(bytes.subarray(0, half));
      sent -= entry.bytes - half;
      entry.bytes = half;
      setTimeout(() => res.destroy(), 120_000).unref();
      return;
    }
    if (bundle && slowBundle(url.pathname)) {
      const bytes = fs.readFileSync(body);
      const piece = Math.ceil(bytes.length / 20);
      let at = 0;
      const next = () => {
        res.write(bytes.subarray(at, at + piece));
        at += piece;
        if (at < bytes.length) setTimeout(next, 100);
        else res.end();
      };
      next();
      return;
    }
    fs.createReadStream(body).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve({ server, requests, log, sent: () => sent, url: `http://127.0.0.1:${server.address().port}${prefix}` }));
  });
}

// `node tests/serve.mjs DIR PORT` (make serve): the built site as a host serves it.
if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const site = await serve(process.argv[2] || 'dist', { port: Number(process.argv[3] || 8080) });
  console.log(`serving ${process.argv[2] || 'dist'} at ${site.url} (Ctrl-C stops)`);
}
