import { parseArgs } from 'node:util';
import { runWhenScript } from './hub-cli.js';

/**
 * `npm run loadtest -- --url URL --key KEY --rps N --duration S`: an open-loop load (requests
 * start on a fixed schedule, whatever the latency) bounded in rate, duration and requests in
 * flight, against loopback unless `--allow-remote`. It then asks HF's billing callback for every
 * Inference-Id it got a 2xx for: the ledger must hold exactly one row per 2xx, at the cost the
 * response's X-Gatewayz-Cost-Nano-Usd header announced.
 */

export interface LoadOptions {
  url: string;
  key: string;
  rps: number;
  durationS: number;
  model?: string;
  /** Key for the billing callback: an admin key, or a callback-scoped key of the same user; defaults to `key`. */
  billingKey?: string;
  maxInFlight?: number;
  allowRemote?: boolean;
  /** How long to wait for the ledger's writer to catch up. */
  ledgerWaitMs?: number;
}

export interface LoadReport {
  sent: number;
  ok: number;
  statuses: Record<string, number>;
  networkErrors: number;
  /** Requests not started because max-in-flight was reached (the client, not the gateway, saturated). */
  shed: number;
  elapsedS: number;
  throughputRps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  ledger: { expected: number; found: number; costMismatches: number; duplicates: number; costsAnnounced: number };
}

const limits = { rps: 1_000, durationS: 600, maxInFlight: 1_024 };

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const url = options.url.replace(/\/+$/, '');
  if (!options.allowRemote && !isLoopback(url)) throw new Error(`${new URL(url).host} is not loopback; pass --allow-remote to load a remote gateway`);
  if (!(options.rps > 0 && options.rps <= limits.rps)) throw new Error(`--rps must be in (0, ${limits.rps}]`);
  if (!(options.durationS > 0 && options.durationS <= limits.durationS)) throw new Error(`--duration must be in (0, ${limits.durationS}] seconds`);
  const maxInFlight = Math.min(options.maxInFlight ?? 256, limits.maxInFlight);
  const model = options.model ?? 'meta-llama/Llama-3.1-8B-Instruct';
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hello in three words.' }], max_tokens: 16 });
  const total = Math.round(options.rps * options.durationS);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const costs = new Map<string, string>();
  let networkErrors = 0;
  let shed = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];

  const one = async () => {
    inFlight++;
    const started = performance.now();
    try {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const id = response.headers.get('inference-id');
      if (response.ok && id) costs.set(id, response.headers.get('x-gatewayz-cost-nano-usd') ?? '');
    } catch {
      networkErrors++;
    } finally {
      inFlight--;
    }
  };

  const begin = performance.now();
  for (let index = 0; index < total; index++) {
    const due = begin + (index * 1_000) / options.rps;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= maxInFlight) shed++;
    else pending.push(one());
  }
  await Promise.all(pending);
  const elapsedS = (performance.now() - begin) / 1_000;
  const ok = Object.entries(statuses).reduce((sum, [status, count]) => (status.startsWith('2') ? sum + count : sum), 0);
  const ledger = await checkLedger(url, options.billingKey ?? options.key, costs, options.ledgerWaitMs ?? 10_000);
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))] ?? 0);
  return {
    sent: pending.length,
    ok,
    statuses,
    networkErrors,
    shed,
    elapsedS: Math.round(elapsedS * 100) / 100,
    throughputRps: Math.round((latencies.length / elapsedS) * 10) / 10,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) },
    ledger: { ...ledger, expected: costs.size },
  };
}

/** Asks the billing callback (what HF calls) until every 2xx id is billed or the wait is over. */
async function checkLedger(url: string, key: string, costs: Map<string, string>, waitMs: number) {
  const ids = [...costs.keys()];
  const deadline = performance.now() + waitMs;
  let answer: { requestId: string; costNanoUsd: number | string }[];
  for (;;) {
    answer = [];
    for (let start = 0; start < ids.length; start += 10_000) {
      const response = await fetch(`${url}/hf/billing/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ requestIds: ids.slice(start, start + 10_000) }),
      });
      if (!response.ok) throw new Error(`POST /hf/billing/requests: ${response.status} ${(await response.text()).slice(0, 200)}`);
      answer.push(...((await response.json()) as { requests: typeof answer }).requests);
    }
    if (new Set(answer.map((entry) => entry.requestId)).size >= ids.length || performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seen = new Set<string>();
  let duplicates = 0;
  let costMismatches = 0;
  for (const entry of answer) {
    if (seen.has(entry.requestId)) duplicates++;
    seen.add(entry.requestId);
    const announced = costs.get(entry.requestId);
    // The header is the shared contract (X-Gatewayz-Cost-Nano-Usd); a gateway without it is checked on counts alone.
    if (announced && announced !== String(entry.costNanoUsd)) costMismatches++;
  }
  return { found: seen.size, costMismatches, duplicates, costsAnnounced: [...costs.values()].filter(Boolean).length };
}

export function formatReport(report: LoadReport): string {
  const statuses = Object.entries(report.statuses)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  return [
    `requests   ${report.sent} sent in ${report.elapsedS} s (${report.throughputRps} req/s), ${report.shed} shed at max in-flight`,
    `statuses   ${statuses || 'none'}; ${report.networkErrors} network errors`,
    `latency    p50 ${report.latencyMs.p50} ms, p90 ${report.latencyMs.p90} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`,
    `ledger     ${report.ledger.found}/${report.ledger.expected} 2xx billed, ${report.ledger.duplicates} duplicates, ${report.ledger.costMismatches} cost mismatches (${report.ledger.costsAnnounced} costs announced in X-Gatewayz-Cost-Nano-Usd)`,
  ].join('\n');
}

/** One row per 2xx, each at the announced cost, and nothing lost to the network. */
export function reportPasses(report: LoadReport): boolean {
  const { ledger } = report;
  return (
    report.ok > 0 &&
    report.networkErrors === 0 &&
    ledger.found === report.ok &&
    ledger.expected === report.ok &&
    ledger.duplicates === 0 &&
    ledger.costMismatches === 0
  );
}

export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      'billing-key': { type: 'string' },
      rps: { type: 'string', default: '10' },
      duration: { type: 'string', default: '10' },
      model: { type: 'string' },
      'max-in-flight': { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
    },
  });
  const url = values.url ?? process.env.GATEWAY_URL;
  const key = values.key ?? process.env.GATEWAY_API_KEY;
  if (!url || !key) {
    out('Usage: npm run loadtest -- --url URL --key KEY [--rps N] [--duration S] [--model ID] [--billing-key KEY] [--max-in-flight N] [--allow-remote]');
    return 2;
  }
  const report = await runLoad({
    url,
    key,
    rps: Number(values.rps),
    durationS: Number(values.duration),
    allowRemote: values['allow-remote'],
    ...(values.model ? { model: values.model } : {}),
    ...(values['billing-key'] ? { billingKey: values['billing-key'] } : {}),
    ...(values['max-in-flight'] ? { maxInFlight: Number(values['max-in-flight']) } : {}),
  });
  out(formatReport(report));
  return reportPasses(report) ? 0 : 1;
}

runWhenScript(import.meta, 'loadtest', (argv) => main(argv));
