import { Redis } from 'ioredis';
import { Envelope, invalidationChannel, reconnectDelay, type InvalidationBus } from './invalidation-bus.js';

/**
 * Invalidations over Redis pub/sub (REDIS_URL). A subscribed connection can do nothing else, so
 * there are two: one subscribed, one publishing. ioredis reconnects both by itself and
 * re-subscribes; pub/sub is fire-and-forget (a message sent while we were away is lost), so on
 * every reconnect the subscribers are told to reload everything.
 */
export function redisBus(options: { url: string; log: (level: 'info' | 'warn', message: string) => void }): InvalidationBus {
  const envelope = new Envelope((error) => options.log('warn', `an invalidation handler failed: ${String(error)}`));
  const connection = {
    retryStrategy: reconnectDelay,
    maxRetriesPerRequest: 1,
    // Publishing while disconnected fails at once rather than queueing for a reconnect.
    enableOfflineQueue: false,
    lazyConnect: true,
  };
  const subscriber = new Redis(options.url, connection);
  const publisher = new Redis(options.url, connection);
  let everReady = false;
  let connected = false;
  let warned = false;
  for (const client of [subscriber, publisher]) client.on('error', () => {}); // logged once below, on 'close'
  subscriber.on('close', () => {
    if (connected || !warned) options.log('warn', 'invalidation subscriber lost its Redis connection; reconnecting');
    connected = false;
    warned = true;
  });
  subscriber.on('ready', () => {
    connected = true;
    warned = false;
    if (everReady) {
      options.log('info', 'invalidation subscriber reconnected to Redis; reloading keys, mappings and prices');
      envelope.deliver({ kind: 'everything' });
    }
    everReady = true;
  });
  subscriber.on('message', (channel: string, payload: string) => {
    if (channel === invalidationChannel) envelope.receive(payload);
  });
  const ready = Promise.allSettled([subscriber.connect().then(() => subscriber.subscribe(invalidationChannel)), publisher.connect()]).then(() => {});

  return {
    publish: async (message) => {
      try {
        await publisher.publish(invalidationChannel, envelope.encode(message));
      } catch (error) {
        options.log('warn', `invalidation not published (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    subscribe: (handler) => envelope.subscribe(handler),
    get connected() {
      return connected;
    },
    ready,
    ping: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no PONG within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([publisher.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await ready;
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
