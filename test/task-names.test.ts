import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { startTestGateway, type TestGateway } from './support/test-gateway.js';

/** The Hub's task names (text-to-image, feature-extraction) are accepted wherever a task is named; answers use the document's. */
describe('HF task names', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway(databaseKinds()[0]!);
  });
  afterAll(() => gateway.close());
  const json = async (path: string, init: Parameters<TestGateway['request']>[1] = {}) => {
    const response = await gateway.request(path, init);
    return { status: response.status, body: (await response.json()) as any };
  };

  it('/hf/tasks/run takes feature-extraction as embedding', async () => {
    const { status, body } = await json('/hf/tasks/run', { body: { task: 'feature-extraction', inputs: 'hello' } });
    expect(status).toBe(200);
    expect(body.output).toEqual(expect.arrayContaining([expect.any(Number)]));
  });

  it('task_type=text-to-image filters the image-generation mappings, answered by the document name', async () => {
    const { status, body } = await json('/hf/tasks/models?task_type=text-to-image');
    expect(status).toBe(200);
    expect(body.count).toBeGreaterThan(0);
    expect(new Set(body.models.map((model: { task_type: string }) => model.task_type))).toEqual(new Set(['image-generation']));
    expect(body.task_types).toEqual(['image-generation']);
  });

  it('a mapping registered as feature-extraction is stored and listed as embedding', async () => {
    const mapping = { provider_model_id: 'text-embedding-3-small', hub_model_id: 'acme/embedder', task_type: 'feature-extraction' };
    expect((await json('/hf/tasks/models/map', { key: gateway.adminKey, body: mapping })).status).toBe(200);
    const { body } = await json('/hf/tasks/models?task_type=embedding');
    expect(body.models).toContainEqual(expect.objectContaining({ hub_model_id: 'acme/embedder', task_type: 'embedding' }));
  });

  it('an unknown task name is still a 400', async () => {
    expect((await json('/hf/tasks/run', { body: { task: 'text-to-video', inputs: 'x' } })).status).toBe(400);
  });
});
