import type { GatewayMetrics } from './metrics.js';

/** What a settled call contributes to the metrics (the pipeline's SettledCall, in the base layer's terms). */
export interface SettledMeasure {
  task: string;
  /** A catalog model id: a closed set, so a bounded label. */
  model: string;
  provider: string | undefined;
  inputTokens: number;
  outputTokens: number;
  costNanoUsd: bigint;
  httpStatus: number;
  totalMs: number;
  upstreamMs: number | undefined;
  streamed: boolean;
}

export function recordSettled(metrics: GatewayMetrics, call: SettledMeasure): void {
  const provider = call.provider ?? 'none';
  const status = String(call.httpStatus);
  metrics.calls.inc({ task: call.task, provider, status });
  const model = { gen_ai_request_model: call.model, gen_ai_provider_name: provider };
  const operation = call.task === 'embedding' ? 'embeddings' : call.task === 'image-generation' ? 'generate_content' : 'chat';
  metrics.operationSeconds.observe({ ...model, gen_ai_operation_name: operation, error_type: call.httpStatus >= 400 ? status : '' }, call.totalMs / 1000);
  if (call.costNanoUsd > 0n) metrics.costNanoUsd.inc({ model: call.model, provider }, Number(call.costNanoUsd));
  if (call.upstreamMs === undefined) return;
  metrics.upstreamSeconds.observe({ provider }, call.upstreamMs / 1000);
  metrics.overheadSeconds.observe({ task: call.task }, Math.max(0, call.totalMs - call.upstreamMs) / 1000);
  if (call.httpStatus >= 400) return;
  metrics.tokenUsage.observe({ ...model, gen_ai_operation_name: operation, gen_ai_token_type: 'input' }, call.inputTokens);
  if (call.outputTokens > 0) metrics.tokenUsage.observe({ ...model, gen_ai_operation_name: operation, gen_ai_token_type: 'output' }, call.outputTokens);
  if (!call.streamed) return;
  metrics.timeToFirstTokenSeconds.observe(model, call.upstreamMs / 1000);
  if (call.outputTokens > 1) metrics.timePerOutputTokenSeconds.observe(model, (call.totalMs - call.upstreamMs) / 1000 / (call.outputTokens - 1));
}
