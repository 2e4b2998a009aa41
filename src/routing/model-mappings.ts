import type { Kysely } from 'kysely';
import type { TaskType } from '../contract/task-types.js';
import type { Database, ModelMappingRow } from '../db/database.js';
import { defaultMappings } from '../catalog/model-catalog.js';

export interface ModelMapping {
  hubModelId: string;
  providerModelId: string;
  taskType: TaskType;
  parameters: Record<string, unknown>;
}

/**
 * Hub model id -> Gatewayz model, per task, served from memory. Writes go to the database
 * first, then to memory, so memory never holds a mapping that is not stored.
 */
export class ModelMappings {
  private byKey = new Map<string, ModelMapping>();

  constructor(private readonly db: Kysely<Database>) {}

  async load(): Promise<void> {
    const rows = await this.db.selectFrom('model_mappings').selectAll().orderBy('created_at', 'asc').execute();
    this.byKey = new Map(rows.map((row) => [key(row.hub_model_id, row.task_type), fromRow(row)]));
  }

  get size(): number {
    return this.byKey.size;
  }

  list(taskType?: TaskType): ModelMapping[] {
    const all = [...this.byKey.values()];
    return taskType ? all.filter((mapping) => mapping.taskType === taskType) : all;
  }

  find(hubModelId: string, taskType: TaskType): ModelMapping | undefined {
    return this.byKey.get(key(hubModelId, taskType));
  }

  async upsert(mapping: ModelMapping): Promise<void> {
    await this.db
      .insertInto('model_mappings')
      .values({
        hub_model_id: mapping.hubModelId,
        provider_model_id: mapping.providerModelId,
        task_type: mapping.taskType,
        parameters: JSON.stringify(mapping.parameters),
      })
      .onConflict((conflict) =>
        conflict.columns(['hub_model_id', 'task_type']).doUpdateSet((eb) => ({
          provider_model_id: eb.ref('excluded.provider_model_id'),
          parameters: eb.ref('excluded.parameters'),
          updated_at: new Date(),
        })),
      )
      .execute();
    this.byKey.set(key(mapping.hubModelId, mapping.taskType), mapping);
  }
}

/** Maps each default Hub model that is not mapped yet; a mapping an operator changed is kept. */
export async function seedDefaultMappings(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('model_mappings')
    .values(
      defaultMappings.map((mapping) => ({
        hub_model_id: mapping.hubModelId,
        provider_model_id: mapping.providerModelId,
        task_type: mapping.taskType,
        parameters: JSON.stringify(mapping.parameters ?? {}),
      })),
    )
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

const key = (hubModelId: string, taskType: string) => `${taskType}\u0000${hubModelId}`;

function fromRow(row: ModelMappingRow): ModelMapping {
  return {
    hubModelId: row.hub_model_id,
    providerModelId: row.provider_model_id,
    taskType: row.task_type as TaskType,
    parameters: row.parameters,
  };
}
