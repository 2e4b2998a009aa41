import type { TaskType } from '../src/contract/task-types.js';
import type { HubMappingClient, HubMappingEntry, HubMappingInput, HubModelInfo } from './hub-mapping-api.js';

/**
 * Plans and applies the Hub side of the gateway's mapping registry. The registry may map one Hub
 * model to several gateway tasks (a chat model serves text-generation and conversational); the
 * Hub takes one task per model and provider, so the task is chosen the way the Hub validates it:
 * "conversational" for a conversational text-generation/image-text-to-text model, else the
 * model's pipeline_tag, if the gateway serves it.
 */

/** HF's task name (the Hub's pipeline_tag / WidgetType) for each gateway task. */
export const hfTaskOf: Record<TaskType, string> = {
  'text-generation': 'text-generation',
  conversational: 'conversational',
  summarization: 'summarization',
  translation: 'translation',
  'question-answering': 'question-answering',
  'text-classification': 'text-classification',
  'token-classification': 'token-classification',
  'image-generation': 'text-to-image',
  embedding: 'feature-extraction',
};

export interface GatewayMapping {
  model_id: string;
  hub_model_id: string;
  task_type: TaskType;
}

/** The gateway's registry, read through its API (works on PGlite and Postgres alike). */
export async function fetchGatewayMappings(gatewayUrl: string, key: string): Promise<GatewayMapping[]> {
  const response = await fetch(`${gatewayUrl.replace(/\/+$/, '')}/hf/tasks/models`, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`GET /hf/tasks/models: ${response.status} ${(await response.text()).slice(0, 200)}`);
  const body = (await response.json()) as { models: GatewayMapping[] };
  return body.models;
}

export interface TagFilterMapping {
  task: string;
  tags: string[];
  providerModel: string;
  adapterType: 'lora';
}

export type SyncStep =
  | { kind: 'create'; input: HubMappingInput; label: string }
  | { kind: 'delete'; entry: HubMappingEntry; label: string; reason: string }
  | { kind: 'status'; entry: HubMappingEntry; status: 'live' | 'staging'; label: string }
  | { kind: 'keep'; entry: HubMappingEntry; label: string }
  | { kind: 'skip'; label: string; reason: string };

export interface SyncOptions {
  /** Status for every managed mapping; undefined: new ones are staging, existing ones keep theirs. */
  status?: 'live' | 'staging';
  /** Tag-filter mappings to hold on the Hub; undefined: the Hub's tag-filter mappings are left alone. */
  tagFilters?: readonly TagFilterMapping[];
}

const conversationalPipelines = new Set(['text-generation', 'image-text-to-text']);

/** The one HF task a Hub model is registered under, given the gateway tasks mapped for it. */
export function chooseHubTask(info: HubModelInfo, gatewayTasks: readonly TaskType[]): string | undefined {
  const offered = new Set(gatewayTasks.map((task) => hfTaskOf[task]));
  const pipeline = info.pipeline_tag;
  if (offered.has('conversational') && pipeline && conversationalPipelines.has(pipeline) && info.tags.includes('conversational')) return 'conversational';
  return pipeline && offered.has(pipeline) ? pipeline : undefined;
}

export async function planSync(hub: HubMappingClient, gateway: readonly GatewayMapping[], options: SyncOptions = {}): Promise<SyncStep[]> {
  const existing = await hub.list();
  const steps: SyncStep[] = [];
  const byHubModel = new Map<string, GatewayMapping[]>();
  for (const mapping of gateway) byHubModel.set(mapping.hub_model_id, [...(byHubModel.get(mapping.hub_model_id) ?? []), mapping]);

  const wanted = new Map<string, { task: string; providerModel: string }>();
  for (const [hfModel, mappings] of [...byHubModel].sort(([a], [b]) => a.localeCompare(b))) {
    const info = await hub.modelInfo(hfModel);
    const tasks = mappings.map((mapping) => mapping.task_type);
    if (!info) {
      steps.push({ kind: 'skip', label: hfModel, reason: 'not a model on the Hub' });
      continue;
    }
    const task = chooseHubTask(info, tasks);
    if (!task) {
      steps.push({
        kind: 'skip',
        label: hfModel,
        reason: `Hub pipeline_tag "${info.pipeline_tag ?? 'none'}" is not among the mapped tasks (${tasks.join(', ')})`,
      });
      continue;
    }
    // The provider model id is the Hub id: the gateway resolves it through its registry, with the mapping's parameters.
    wanted.set(hfModel, { task, providerModel: hfModel });
  }

  const singles = new Map(existing.filter((entry) => entry.hfModel).map((entry) => [entry.hfModel!, entry]));
  for (const [hfModel, target] of wanted) {
    const label = `${target.task} ${hfModel} -> ${target.providerModel}`;
    const current = singles.get(hfModel);
    if (current && (current.task !== target.task || current.providerId !== target.providerModel)) {
      steps.push({ kind: 'delete', entry: current, label: `${current.task} ${hfModel} -> ${current.providerId}`, reason: 'task or provider model changed' });
    }
    if (!current || current.task !== target.task || current.providerId !== target.providerModel) {
      const status = options.status ?? (current?.status === 'live' ? 'live' : 'staging');
      steps.push({ kind: 'create', input: { task: target.task, hfModel, providerModel: target.providerModel, status }, label: `${label} (${status})` });
    } else if (options.status && current.status !== options.status) {
      steps.push({ kind: 'status', entry: current, status: options.status, label });
    } else {
      steps.push({ kind: 'keep', entry: current, label: `${label} (${current.status})` });
    }
  }
  for (const [hfModel, entry] of [...singles].sort(([a], [b]) => a.localeCompare(b))) {
    if (!wanted.has(hfModel))
      steps.push({ kind: 'delete', entry, label: `${entry.task} ${hfModel} -> ${entry.providerId}`, reason: 'not in the gateway registry' });
  }

  const filters = existing.filter((entry) => entry.tags);
  const filterKey = (task: string, tags: readonly string[]) => `${task} tag-filter=${tags.join(',')}`;
  if (options.tagFilters) {
    const current = new Map(filters.map((entry) => [filterKey(entry.task, entry.tags!), entry]));
    const desired = new Set<string>();
    for (const filter of options.tagFilters) {
      const key = filterKey(filter.task, filter.tags);
      desired.add(key);
      const entry = current.get(key);
      const label = `${key} -> ${filter.providerModel}`;
      if (entry && entry.providerId !== filter.providerModel)
        steps.push({ kind: 'delete', entry, label: `${key} -> ${entry.providerId}`, reason: 'provider model changed' });
      if (!entry || entry.providerId !== filter.providerModel) {
        const status = options.status ?? 'staging';
        steps.push({ kind: 'create', input: { type: 'tag-filter', ...filter, status }, label: `${label} (${status})` });
      } else if (options.status && entry.status !== options.status) steps.push({ kind: 'status', entry, status: options.status, label });
      else steps.push({ kind: 'keep', entry, label: `${label} (${entry.status})` });
    }
    for (const [key, entry] of current)
      if (!desired.has(key)) steps.push({ kind: 'delete', entry, label: `${key} -> ${entry.providerId}`, reason: 'not in the tag-filter file' });
  } else {
    for (const entry of filters)
      steps.push({ kind: 'keep', entry, label: `${filterKey(entry.task, entry.tags!)} -> ${entry.providerId} (${entry.status}, unmanaged)` });
  }
  return steps;
}

/** Deletes first: a model whose task changes must be free before it is mapped again. */
export async function applySync(hub: HubMappingClient, steps: readonly SyncStep[]): Promise<void> {
  for (const step of steps) if (step.kind === 'delete') await hub.remove(step.entry._id);
  for (const step of steps) {
    if (step.kind === 'create') await hub.create(step.input);
    else if (step.kind === 'status') await hub.setStatus(step.entry._id, step.status);
  }
}

const marks: Record<SyncStep['kind'], string> = { create: '+', delete: '-', status: '~', keep: '=', skip: '!' };

export function formatSteps(steps: readonly SyncStep[]): string {
  const lines = steps.map((step) => {
    const detail =
      step.kind === 'delete' || step.kind === 'skip' ? `  (${step.reason})` : step.kind === 'status' ? `  (status ${step.entry.status} -> ${step.status})` : '';
    return `${marks[step.kind]} ${step.label}${detail}`;
  });
  const count = (kind: SyncStep['kind']) => steps.filter((step) => step.kind === kind).length;
  lines.push(
    `${count('create')} to create, ${count('delete')} to delete, ${count('status')} status changes, ${count('keep')} unchanged, ${count('skip')} skipped`,
  );
  return lines.join('\n');
}

export function formatHubList(entries: readonly HubMappingEntry[]): string {
  if (entries.length === 0) return '(no mappings)';
  const rows = entries.map((entry) => [entry.task, entry.hfModel ?? `tag-filter=${entry.tags!.join(',')}`, entry.providerId, entry.status, entry._id]);
  const header = ['task', 'hub model', 'provider model', 'status', 'mapping id'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
