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
    description:
      "Filter by time, model, task, provider and status; `total_records` and `total_cost_nano_usd` are the filter's, over all pages. With `format=csv` every record of the filter streams as text/csv. An admin key sees every user's records.",
    tags: ['billing'],
    scopes: ['billing:read'],
  })
    .input(usageInputSchema)
    .output(usageOutputSchema)
    .query(({ ctx, input }) => usageRecords(ctx.services.db, viewerOf(ctx), input)),

  hfRequests: endpoint('POST', '/hf/billing/requests', {
    summary: "Hugging Face's billing callback",
    description:
      "Costs of the given request ids (the Inference-Id header values) in integer nano-USD: one entry per id that was answered with a 2xx and whose usage row has committed, in any order; unknown, failed, not yet committed or other users' ids are left out (an empty list when none is known: HF asks again for ids left out). Idempotent: an id always answers the same cost. A `billing:callback` key sees its own user's requests, an admin key all.",
    tags: ['billing'],
    scopes: ['billing:callback'],
  })
    .input(hfBillingInputSchema)
    .output(hfBillingOutputSchema)
    .mutation(async ({ ctx, input }) => ({ requests: await costsOfRequestIds(ctx.services.db, viewerOf(ctx), input.requestIds) })),
});
