import { costInputSchema, costOutputSchema, hfBillingInputSchema, hfBillingOutputSchema, usageInputSchema, usageOutputSchema } from '../../contract/billing.js';
import { costOfRequests, costsOfRequestIds, usageRecords } from '../../billing/billing-queries.js';
import { hasScope } from '../../auth/scopes.js';
import { endpoint, principalOf, router, type TrpcContext } from '../init.js';

/** An admin key sees every user's records; any other key its own user's. */
function viewerOf(context: TrpcContext) {
  const principal = principalOf(context);
  return { userId: hasScope(principal.scopes, 'admin') ? undefined : principal.userId };
}

export const billingRouter = router({
  cost: endpoint('POST', '/hf/tasks/billing/cost', {
    summary: 'Price requests before making them',
    tags: ['billing'],
    scopes: ['inference', 'billing:read'],
    errors: { 404: 'Unknown model' },
  })
    .input(costInputSchema)
    .output(costOutputSchema)
    .mutation(({ ctx, input }) => {
      const { resolver, priceBook } = ctx.services.pipeline;
      return costOfRequests(input.requests, (model, task) => {
        const found = resolver.findModel(model, task);
        return found && priceBook.lookup(found.model.id, '*');
      });
    }),

  usage: endpoint('GET', '/hf/tasks/billing/usage', {
    summary: "The caller's usage records, newest first",
    description: "An admin key sees every user's records.",
    tags: ['billing'],
    scopes: ['billing:read'],
  })
    .input(usageInputSchema)
    .output(usageOutputSchema)
    .query(({ ctx, input }) => usageRecords(ctx.services.db, viewerOf(ctx), input)),

  hfRequests: endpoint('POST', '/hf/billing/requests', {
    summary: "Hugging Face's billing callback",
    description:
      'Costs of the given request ids (the Inference-Id header values) in nano-USD. Ids that are unknown or belong to another user are left out. Idempotent.',
    tags: ['billing'],
    scopes: ['billing:read'],
  })
    .input(hfBillingInputSchema)
    .output(hfBillingOutputSchema)
    .mutation(async ({ ctx, input }) => ({ requests: await costsOfRequestIds(ctx.services.db, viewerOf(ctx), input.requestIds) })),
});
