import type { Session } from './actors.ts';
import type { TestApp } from './harness.ts';

/**
 * A real event-stream client for tests: `fetch` against the app listening on a port, the body read
 * as it streams and parsed into messages (what a browser's EventSource does).
 */
export type SseMessage = { id: string | undefined; event: string; data: unknown };

export type TestStream = {
  status: number;
  /** The parsed JSON of an answer that is not a stream (an error). */
  body: unknown;
  /** Every message so far, `ready` included; heartbeat comments are counted apart. */
  messages: SseMessage[];
  comments: number;
  /** The live events so far (messages without an event name). */
  events(): { id: number; type: string; entityId: string; divisionCode: string }[];
  /** Resolves with the first message (already received or coming) that matches, or rejects after `ms`. */
  next(match: (m: SseMessage) => boolean, ms?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
};

const listening = new WeakMap<TestApp, Promise<string>>();

/** The app's base URL, listening on a free port of 127.0.0.1 from the first call on. */
export function baseUrlOf(t: TestApp): Promise<string> {
  let url = listening.get(t);
  if (!url) {
    url = t.app.listen({ port: 0, host: '127.0.0.1' });
    listening.set(t, url);
  }
  return url;
}

function parse(block: string): SseMessage | 'comment' | null {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  let comment = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comment = true;
    else if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  if (data.length === 0) return comment ? 'comment' : null;
  return { id, event, data: JSON.parse(data.join('\n')) as unknown };
}

/** Opens GET /api/events (or `path`) as a session; resolves once the answer's head has arrived. */
export async function openStream(
  base: string,
  session: Pick<Session, 'headers'> | null,
  opts: { lastEventId?: string | number; headers?: Record<string, string>; path?: string } = {},
): Promise<TestStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}${opts.path ?? '/api/events'}`, {
    headers: {
      accept: 'text/event-stream',
      ...(session ? { cookie: session.headers.cookie } : {}),
      ...(opts.lastEventId !== undefined ? { 'last-event-id': String(opts.lastEventId) } : {}),
      ...opts.headers,
    },
    signal: abort.signal,
  });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  const stream: TestStream = {
    status: res.status,
    body: undefined,
    messages,
    comments: 0,
    events: () => messages.filter((m) => m.event === 'message').map((m) => m.data as never),
    next(match, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(onMessage);
          resolve(found);
          return true;
        };
        const onMessage = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(onMessage);
          reject(new Error(`no matching message in ${ms} ms; got ${JSON.stringify(messages)}`));
        }, ms);
        if (!check()) waiters.add(onMessage);
      });
    },
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!res.headers.get('content-type')?.startsWith('text/event-stream') || !res.body) {
    const text = await res.text();
    try {
      stream.body = JSON.parse(text);
    } catch {
      stream.body = text;
    }
    return stream;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  stream.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const parsed = parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (parsed === 'comment') stream.comments++;
          else if (parsed) messages.push(parsed);
          for (const wake of [...waiters]) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return stream;
}

/** Opens a stream and waits until it is live (its `ready` message). */
export async function openReadyStream(
  base: string,
  session: Pick<Session, 'headers'>,
  opts: { lastEventId?: string | number } = {},
): Promise<TestStream> {
  const stream = await openStream(base, session, opts);
  if (stream.status !== 200)
    throw new Error(`stream refused: ${stream.status} ${JSON.stringify(stream.body)}`);
  await stream.next((m) => m.event === 'ready');
  return stream;
}
