import type { Redis } from 'ioredis';
import type { CounterCharge, RateLimitStore, StoreDecision } from './rate-limit-store.js';
import { windowMs, type Buckets } from './sliding-window.js';

/**
 * One decision over every counter of a request, atomically (a script runs alone on the server)
 * and on the server's clock, so instances with skewed clocks still agree on the minute.
 * KEYS: one hash per counter, field = minute number, value = that minute's total.
 * ARGV: the window in ms, then the limit and the cost of each counter.
 * Returns {admitted, now ms, minute, previous1, current1, previous2, current2, ...}, the totals
 * before the charge. The admission test is sliding-window.ts's `admits`, same operation order.
 */
const decideScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local width = tonumber(ARGV[1])
local window = math.floor(now / width)
local elapsed = now - window * width
local current_field = string.format('%d', window)
local previous_field = string.format('%d', window - 1)
local reply = {0, now, window}
local admitted = 1
for i, key in ipairs(KEYS) do
  local previous = tonumber(redis.call('HGET', key, previous_field) or '0')
  local current = tonumber(redis.call('HGET', key, current_field) or '0')
  reply[#reply + 1] = previous
  reply[#reply + 1] = current
  if previous * (width - elapsed) / width + current + tonumber(ARGV[2 * i + 1]) > tonumber(ARGV[2 * i]) then admitted = 0 end
end
if admitted == 1 then
  for i, key in ipairs(KEYS) do
    redis.call('HINCRBY', key, current_field, ARGV[2 * i + 1])
    for _, field in ipairs(redis.call('HKEYS', key)) do
      if field ~= current_field and field ~= previous_field then redis.call('HDEL', key, field) end
    end
    redis.call('PEXPIRE', key, 2 * width)
  end
end
reply[1] = admitted
return reply
`;

/** ARGV: the minute, the delta. Only buckets that still exist are corrected, never below zero. */
const adjustScript = `
for _, key in ipairs(KEYS) do
  if redis.call('HEXISTS', key, ARGV[1]) == 1 then
    if redis.call('HINCRBY', key, ARGV[1], ARGV[2]) < 0 then redis.call('HSET', key, ARGV[1], 0) end
  end
end
return 0
`;

interface ScriptedRedis extends Redis {
  gatewayzRateLimitDecide(...keysAndArguments: (string | number)[]): Promise<number[]>;
  gatewayzRateLimitAdjust(...keysAndArguments: (string | number)[]): Promise<number>;
}

/**
 * Counters shared by every instance on one Redis. Every key carries the same hash tag, so on a
 * Redis Cluster they live in one slot and one script can still touch them all.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: ScriptedRedis;

  constructor(redis: Redis) {
    redis.defineCommand('gatewayzRateLimitDecide', { lua: decideScript });
    redis.defineCommand('gatewayzRateLimitAdjust', { lua: adjustScript });
    this.redis = redis as ScriptedRedis;
  }

  async decide(charges: readonly CounterCharge[]): Promise<StoreDecision> {
    const keys = charges.map((charge) => redisKey(charge.id));
    const costs = charges.flatMap((charge) => [charge.limit, charge.cost]);
    const reply = await this.redis.gatewayzRateLimitDecide(keys.length, ...keys, windowMs, ...costs);
    const [admitted, nowMs, window] = reply as [number, number, number];
    const buckets: Buckets[] = charges.map((_, index) => ({ previous: Number(reply[3 + 2 * index]), current: Number(reply[4 + 2 * index]) }));
    return {
      admitted: admitted === 1,
      nowMs: Number(nowMs),
      buckets,
      adjust: async (counterIds, delta) => {
        const adjusted = counterIds.map(redisKey);
        await this.redis.gatewayzRateLimitAdjust(adjusted.length, ...adjusted, String(window), Math.round(delta));
      },
    };
  }
}

function redisKey(counterId: string): string {
  return `gatewayz:{ratelimit}:${counterId}`;
}
