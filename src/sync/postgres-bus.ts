import pg from 'pg';
import { Envelope, invalidationChannel, reconnectDelay, type InvalidationBus } from './invalidation-bus.js';

/**
 * Invalidations over Postgres LISTEN/NOTIFY, when there is no Redis. Listening needs one
 * connection of its own for the process's lifetime (a pooled one would be handed back and
 * stop listening), so this opens a dedicated `pg.Client`. Notifications are sent through the
 * app's pool (`notify`), so publishing works whether or not the listener is connected. NOTIFY
 * is delivered only to sessions listening at that moment: after a reconnect the subscribers are
 * told to reload everything.
 */
export function postgresBus(options: {
  url: string;
  /** Sends `pg_notify(channel, payload)` on any connection. */
  notify: (channel: string, payload: string) => Promise<void>;
  log: (level: 'info' | 'warn', message: string) => void;
}): InvalidationBus {
  const envelope = new Envelope((error) => options.log('warn', `an invalidation handler failed: ${String(error)}`));
  let client: pg.Client | undefined;
  let connected = false;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let everConnected = false;

  const connect = async () => {
    const candidate = new pg.Client({ connectionString: options.url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    candidate.on('error', () => {}); // 'end' follows and schedules the reconnect
    candidate.on('end', () => {
      if (client !== candidate) return;
      client = undefined;
      connected = false;
      if (!closed) {
        options.log('warn', 'invalidation listener lost its Postgres connection; reconnecting');
        schedule();
      }
    });
    candidate.on('notification', (message) => {
      if (message.channel === invalidationChannel && message.payload) envelope.receive(message.payload);
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${invalidationChannel}`);
    } catch (error) {
      await candidate.end().catch(() => {});
      if (!closed) {
        options.log('warn', `invalidation listener cannot reach Postgres (${error instanceof Error ? error.message : String(error)}); retrying`);
        schedule();
      }
      return;
    }
    if (closed) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    connected = true;
    attempt = 0;
    if (everConnected) {
      options.log('info', 'invalidation listener reconnected; reloading keys, mappings and prices');
      envelope.deliver({ kind: 'everything' });
    }
    everConnected = true;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void connect(), reconnectDelay(attempt++));
    timer.unref();
  };
  const started = connect();

  return {
    publish: async (message) => {
      try {
        await options.notify(invalidationChannel, envelope.encode(message));
      } catch (error) {
        options.log('warn', `invalidation not published (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    subscribe: (handler) => envelope.subscribe(handler),
    get connected() {
      return connected;
    },
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await started;
      const current = client;
      client = undefined;
      connected = false;
      await current?.end().catch(() => {});
    },
    ready: started,
    ping: async () => {},
  };
}
