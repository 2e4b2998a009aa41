import type { CallContext } from '../routing/call-context.js';
import { principalOf, type TrpcContext } from './init.js';

export function callContextOf(context: TrpcContext): CallContext {
  return {
    services: context.services.pipeline,
    principal: principalOf(context),
    inferenceId: context.inferenceId,
    signals: context.signals,
    startedAt: context.startedAt,
    ...(context.timing ? { timing: context.timing } : {}),
  };
}
