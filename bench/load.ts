import http from 'node:http';

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
};

/**
 * Sends `total` requests with `concurrency` in flight over keep-alive connections; latencies in ms.
 * The URL, the headers and the body may be functions of the request's number, to vary the query
 * (or the session and the Idempotency-Key).
 */
export async function load(
  url: string | ((i: number) => string),
  opts: {
    total: number;
    concurrency: number;
    method?: string;
    headers?: Record<string, string> | ((i: number) => Record<string, string>);
    body?: string | ((i: number) => string);
    /** Stops sending after this long, for slow queries (the requests in flight still count). */
    maxSeconds?: number;
  },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        typeof url === 'function' ? url(i) : url,
        {
          method: opts.method ?? 'GET',
          headers: typeof opts.headers === 'function' ? opts.headers(i) : opts.headers,
          agent,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if ((res.statusCode ?? 500) >= 400) errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(typeof opts.body === 'function' ? opts.body(i) : opts.body);
    });
  const t0 = performance.now();
  const until = t0 + (opts.maxSeconds ?? Infinity) * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (sent < opts.total && performance.now() < until) {
        sent += 1;
        await one(sent - 1);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
  };
}
