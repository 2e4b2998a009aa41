/**
 * A client for HF's Model Mapping API (hub-docs register-as-a-provider.md §3): the partner routes
 * under `/api/partners/{provider}/models` and the public model-info route. Auth is a Hub token of
 * a member of the provider's org with write permission; listing is public.
 */

export type HubStatus = 'live' | 'staging' | 'error';

/** One entry of `GET /api/partners/{provider}/models`, flattened out of its task grouping. */
export interface HubMappingEntry {
  _id: string;
  task: string;
  status: HubStatus;
  providerId: string;
  /** Set for a single-model mapping. */
  hfModel?: string;
  /** Set for a tag-filter mapping. */
  tags?: string[];
  adapterType?: string;
}

export type HubMappingInput =
  | { task: string; hfModel: string; providerModel: string; status?: 'live' | 'staging' }
  | { type: 'tag-filter'; task: string; tags: string[]; providerModel: string; adapterType: 'lora'; status?: 'live' | 'staging' };

export interface HubModelInfo {
  id: string;
  pipeline_tag?: string;
  tags: string[];
}

export class HubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface HubClientOptions {
  hubUrl: string;
  provider: string;
  token: string | undefined;
  fetch?: typeof fetch;
}

export class HubMappingClient {
  private readonly base: string;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: HubClientOptions) {
    this.base = options.hubUrl.replace(/\/+$/, '');
    this.fetcher = options.fetch ?? fetch;
  }

  get provider(): string {
    return this.options.provider;
  }

  async list(status?: 'live' | 'staging' | 'error'): Promise<HubMappingEntry[]> {
    const query = status ? `?status=${status}` : '';
    const grouped = (await this.call('GET', `${this.partnerPath()}${query}`)) as Record<string, Record<string, Record<string, unknown>>>;
    const entries: HubMappingEntry[] = [];
    for (const [task, byKey] of Object.entries(grouped)) {
      for (const [key, value] of Object.entries(byKey)) {
        const tagFilter = key.startsWith('tag-filter=');
        entries.push({
          _id: String(value._id),
          task,
          status: value.status as HubStatus,
          providerId: String(value.providerId),
          ...(tagFilter
            ? {
                tags: Array.isArray(value.tags) ? (value.tags as string[]) : key.slice('tag-filter='.length).split(','),
                adapterType: String(value.adapterType),
              }
            : { hfModel: key }),
        });
      }
    }
    return entries;
  }

  async create(input: HubMappingInput): Promise<string> {
    const answer = (await this.call('POST', this.partnerPath(), input)) as { _id?: unknown; id?: unknown };
    const id = answer._id ?? answer.id;
    if (typeof id !== 'string') throw new HubApiError(0, `The Hub answered a create without a mapping id: ${JSON.stringify(answer)}`);
    return id;
  }

  async remove(mappingId: string): Promise<void> {
    await this.call('DELETE', `${this.partnerPath()}/${encodeURIComponent(mappingId)}`);
  }

  async setStatus(mappingId: string, status: 'live' | 'staging'): Promise<void> {
    await this.call('PUT', `${this.partnerPath()}/${encodeURIComponent(mappingId)}/status`, { status });
  }

  /** A model's pipeline_tag and tags, or undefined when the Hub has no such model. */
  async modelInfo(modelId: string): Promise<HubModelInfo | undefined> {
    try {
      const info = (await this.call('GET', `/api/models/${modelId.split('/').map(encodeURIComponent).join('/')}`)) as Record<string, unknown>;
      return {
        id: String(info.id ?? modelId),
        ...(typeof info.pipeline_tag === 'string' ? { pipeline_tag: info.pipeline_tag } : {}),
        tags: (info.tags as string[]) ?? [],
      };
    } catch (error) {
      if (error instanceof HubApiError && (error.status === 404 || error.status === 401)) return undefined;
      throw error;
    }
  }

  private partnerPath(): string {
    return `/api/partners/${encodeURIComponent(this.options.provider)}/models`;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetcher(this.base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // left undefined: not JSON
    }
    if (!response.ok) {
      const message = parsed && typeof parsed === 'object' && 'error' in parsed ? String((parsed as { error: unknown }).error) : text.slice(0, 200);
      throw new HubApiError(response.status, `${method} ${path}: ${response.status} ${message}`);
    }
    if (parsed === undefined) throw new HubApiError(response.status, `${method} ${path}: the Hub answered non-JSON`);
    return parsed;
  }
}
