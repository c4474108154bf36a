// A tiny static file server for the built site, mounted under a sub-path (such as /leaklab/)
// the way an internal web server would host it. Anything outside the sub-path is a 404, so a
// build that forgets its --public-url fails loudly.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` under `prefix` on 127.0.0.1 with a free port chosen by the system.
 * Resolves to { origin, base, requests, close }, where `base` is the site's URL and
 * `requests` lists every path asked for (with its status).
 */
export async function serveStatic(root, prefix = '/leaklab/') {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const send = (status, body, headers = {}) => {
      requests.push({ path, status });
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    if (path === prefix.replace(/\/$/, '')) return send(301, '', { location: prefix });
    if (!path.startsWith(prefix)) return send(404, 'not under ' + prefix);
    let relative = path.slice(prefix.length) || 'index.html';
    if (relative.endsWith('/')) relative += 'index.html';
    const file = normalize(join(root, relative));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return send(403, 'forbidden');
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(404, 'not found');
      const body = await readFile(file);
      return send(200, req.method === 'HEAD' ? '' : body, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      });
    } catch {
      return send(404, 'not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: origin + prefix,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
