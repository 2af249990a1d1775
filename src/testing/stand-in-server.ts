import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FakeGitHub } from './github-stand-in.js';

/** The GitHub stand-in served over real HTTP on 127.0.0.1, as GitHub Enterprise (`/api/v3`). */
export async function startStandIn(repoDir: string): Promise<{ github: FakeGitHub; server: Server; host: string; close(): Promise<void> }> {
  const github = new FakeGitHub(repoDir);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      if (raw && (req.headers['content-type'] ?? '').includes('json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
      const path = (req.url ?? '/').replace(/^\/api\/v3/, '');
      const reply = github.handle(req.method ?? 'GET', path, body, req.headers);
      const delay = github.delays.find((d) => d.path.test(path))?.ms ?? 0;
      setTimeout(() => {
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  github.baseUrl = `http://${host}/api/v3`;
  return { github, server, host, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createTcpServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
