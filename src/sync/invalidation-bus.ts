import { randomUUID } from 'node:crypto';

/**
 * What changed in the shared store. Every instance keeps keys, mappings and prices in memory
 * (the request path never queries for them); a write made through one instance is announced
 * so the others drop or reload theirs. `everything` is never published: a bus delivers it to
 * its own subscribers after it (re)connects, because a message missed while disconnected must
 * not leave a stale cache forever.
 */
export type Invalidation = { kind: 'key'; keyHash: string } | { kind: 'mappings' } | { kind: 'prices' } | { kind: 'everything' };

export type InvalidationHandler = (message: Invalidation) => void;

export interface InvalidationBus {
  /** Announces a change to every other instance; never throws (a lost message is healed by the TTLs and the next reconnect). */
  publish(message: Exclude<Invalidation, { kind: 'everything' }>): Promise<void>;
  subscribe(handler: InvalidationHandler): void;
  /** False while the transport is disconnected (reported by /health/ready's callers and logs). */
  readonly connected: boolean;
  /** Settles once the first subscription attempt ended (connected or not), so startup does not race the first write. */
  readonly ready: Promise<void>;
  /** Checks the transport's store answers (Redis PING) within `timeoutMs`; Postgres is checked by the database probe. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The one channel name, on Redis pub/sub and on Postgres LISTEN/NOTIFY alike. */
export const invalidationChannel = 'gatewayz_invalidation';

/** One process (PGlite, or tests): each write already updated this process's memory, nothing to announce. */
export function localBus(): InvalidationBus {
  return { publish: async () => {}, subscribe: () => {}, connected: true, ready: Promise.resolve(), ping: async () => {}, close: async () => {} };
}

/**
 * The envelope every transport sends: the origin lets an instance skip its own messages (its
 * memory was updated by the write itself).
 */
export class Envelope {
  readonly origin = randomUUID();
  private readonly handlers: InvalidationHandler[] = [];

  constructor(private readonly onHandlerError: (error: unknown) => void) {}

  encode(message: Invalidation): string {
    return JSON.stringify({ origin: this.origin, ...message });
  }

  subscribe(handler: InvalidationHandler): void {
    this.handlers.push(handler);
  }

  /** Parses a received payload; foreign or malformed payloads are ignored. */
  receive(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (!isMessage(parsed) || parsed.origin === this.origin) return;
    const { origin: _origin, ...message } = parsed;
    this.deliver(message);
  }

  deliver(message: Invalidation): void {
    for (const handler of this.handlers) {
      try {
        handler(message);
      } catch (error) {
        this.onHandlerError(error);
      }
    }
  }
}

function isMessage(value: unknown): value is Invalidation & { origin: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, keyHash, origin } = value as Record<string, unknown>;
  if (typeof origin !== 'string') return false;
  if (kind === 'key') return typeof keyHash === 'string';
  return kind === 'mappings' || kind === 'prices';
}

/** 250 ms, doubling to 5 s: reconnecting quickly, without hammering a store that is down. */
export function reconnectDelay(attempt: number): number {
  return Math.min(5_000, 250 * 2 ** Math.min(attempt, 5));
}
