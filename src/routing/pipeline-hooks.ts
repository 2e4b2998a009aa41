import type { TaskType } from '../contract/task-types.js';
import type { Usage } from '../providers/spec/index.js';
import type { CallContext } from './call-context.js';
import type { Call } from './call.js';
import type { CatalogModel } from './model-catalog.js';
import type { Candidate } from './model-resolver.js';

/** A call about to be forwarded: resolved, with its candidates in order, nothing sent yet. */
export interface ForwardingPlan {
  call: Call;
  model: CatalogModel;
  candidates: readonly Candidate[];
}

/** A call whose usage row has committed. */
export interface SettledCall {
  task: TaskType;
  model: CatalogModel;
  provider: string | undefined;
  usage: Usage;
  costNanoUsd: bigint;
  httpStatus: number;
}

/**
 * The pipeline's two extension points. `beforeForwarding` runs after resolution and before the
 * first upstream attempt (rate limits and credit reservations go here): throwing a GatewayError
 * refuses the call, and nothing is forwarded or billed. `afterSettlement` runs once the call's
 * usage row has committed, success or not.
 */
export interface PipelineHooks {
  beforeForwarding: ((context: CallContext, plan: ForwardingPlan) => void | Promise<void>)[];
  afterSettlement: ((context: CallContext, settled: SettledCall) => void)[];
}

export function noHooks(): PipelineHooks {
  return { beforeForwarding: [], afterSettlement: [] };
}
