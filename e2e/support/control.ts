import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The test run's own door into the e2e server's process, for what no product endpoint may do (run
 * a scheduled job now, write a row dated in the past). It is a second listener that only
 * global-setup.ts opens, on 127.0.0.1 at a port of its own with a random path: the app's routes
 * know nothing of it, and nothing of it ships. A browser test calls it with `control()`
 * (control-client.ts).
 */

export type ControlActions = Record<string, (body: unknown) => Promise<unknown>>;

export async function startControl(
  actions: ControlActions,
): Promise<{ url: string; close(): Promise<void> }> {
  const secret = randomBytes(12).toString('hex');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const prefix = `/${secret}/`;
      const action = req.url?.startsWith(prefix)
        ? actions[req.url.slice(prefix.length)]
        : undefined;
      if (req.method !== 'POST' || !action) {
        answer(404, { error: `no control action ${req.method} ${req.url}` });
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      Promise.resolve()
        .then(() => action(text ? (JSON.parse(text) as unknown) : {}))
        .then(
          (result) => answer(200, result ?? {}),
          (err: unknown) => answer(500, { error: String(err instanceof Error ? err.stack : err) }),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${secret}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
