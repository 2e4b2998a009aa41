import { listModelsInputSchema, listModelsOutputSchema, mapModelInputSchema, mapModelOutputSchema } from '../../contract/models.js';
import { taskTypes } from '../../contract/task-types.js';
import { GatewayError } from '../../errors.js';
import { endpoint, router } from '../init.js';

export const modelsRouter = router({
  list: endpoint('GET', '/hf/tasks/models', { summary: 'List mapped models', tags: ['models'], scopes: ['inference', 'billing:read'] })
    .input(listModelsInputSchema)
    .output(listModelsOutputSchema)
    .query(({ ctx, input }) => {
      const mappings = ctx.services.mappings.list(input.task_type);
      const present = new Set(mappings.map((mapping) => mapping.taskType));
      return {
        models: mappings.map((mapping) => ({
          model_id: mapping.providerModelId,
          hub_model_id: mapping.hubModelId,
          task_type: mapping.taskType,
          parameters: mapping.parameters,
        })),
        count: mappings.length,
        task_types: taskTypes.filter((task) => present.has(task)),
      };
    }),

  map: endpoint('POST', '/hf/tasks/models/map', {
    summary: 'Map a provider model to a Hub model',
    tags: ['models'],
    scopes: ['models:write'],
    errors: { 404: 'Unknown provider model' },
  })
    .input(mapModelInputSchema)
    .output(mapModelOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const found = ctx.services.pipeline.resolver.findModel(input.provider_model_id);
      if (!found) {
        throw new GatewayError(
          'not_found',
          'Unknown provider model',
          `No model "${input.provider_model_id}" is served; map to a Gatewayz model id or provider/model.`,
        );
      }
      if (!found.model.tasks.includes(input.task_type)) {
        throw new GatewayError(
          'invalid_request',
          'Model does not serve this task',
          `"${input.provider_model_id}" serves ${found.model.tasks.join(', ')}, not ${input.task_type}.`,
        );
      }
      await ctx.services.mappings.upsert({
        hubModelId: input.hub_model_id,
        providerModelId: input.provider_model_id,
        taskType: input.task_type,
        parameters: input.parameters ?? {},
      });
      await ctx.services.invalidation.publish({ kind: 'mappings' });
      return {
        success: true,
        provider_model_id: input.provider_model_id,
        hub_model_id: input.hub_model_id,
        message: 'Model mapping registered successfully',
      };
    }),
});
