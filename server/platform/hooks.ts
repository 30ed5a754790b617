import type { Db } from '../db/client.ts';

/**
 * What a lower module announces to the modules above it, in the transaction of its change: the
 * roster tells the visits module that subjects changed, an emergency that it was recorded. The
 * module above registers with `on` when it loads (its service.ts); the lower one calls `run`,
 * which awaits every listener in turn. A lower module never imports a higher one: this is how it
 * reaches them.
 */
export type Hook<T> = {
  on(listener: (tx: Db, event: T) => Promise<void>): void;
  run(tx: Db, event: T): Promise<void>;
};

export function defineHook<T>(): Hook<T> {
  const listeners: ((tx: Db, event: T) => Promise<void>)[] = [];
  return {
    on(listener) {
      if (!listeners.includes(listener)) listeners.push(listener);
    },
    async run(tx, event) {
      for (const listener of listeners) await listener(tx, event);
    },
  };
}
