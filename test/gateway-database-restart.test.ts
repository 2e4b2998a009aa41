import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminateBackends } from './support/postgres-faults.js';
import { startTestGateway, uuidPattern, type TestGateway } from './support/test-gateway.js';

describe.runIf(process.env.DATABASE_URL)('a gateway on Postgres whose connections are terminated under load', () => {
  let gateway: TestGateway;
  let databaseUrl: string;
  beforeAll(async () => {
    gateway = await startTestGateway('postgres');
    const row = await gateway.database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${row.name}`;
    databaseUrl = url.toString();
  });
  afterAll(() => gateway?.close());

  interface Outcome {
    status: number;
    inferenceId: string | null;
    body: unknown;
  }

  const generate = async (): Promise<Outcome> => {
    const response = await gateway.request('/hf/tasks/text-generation', { body: { inputs: 'hello', parameters: { max_new_tokens: 5 } } });
    return { status: response.status, inferenceId: response.headers.get('inference-id'), body: await response.json() };
  };

  it('stays up, answers failures in the error format (never 503), bills every 2xx, and recovers within seconds', async () => {
    const outcomes: Outcome[] = [];
    let stop = false;
    const workers = Array.from({ length: 8 }, async () => {
      while (!stop) outcomes.push(await generate());
    });
    for (let round = 0; round < 6; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await terminateBackends(databaseUrl);
    }
    stop = true;
    await Promise.all(workers);

    expect(outcomes.length).toBeGreaterThan(20);
    for (const outcome of outcomes) {
      expect(outcome.inferenceId).toMatch(uuidPattern);
      expect(outcome.status).not.toBe(503);
      if (outcome.status !== 200) expect(outcome.body).toEqual({ error: expect.any(String), error_type: expect.any(String), message: expect.any(String) });
    }

    const deadline = Date.now() + 5_000;
    let last = await generate();
    while (last.status !== 200 && Date.now() < deadline) last = await generate();
    expect(last.status).toBe(200);

    await gateway.services.pipeline.ledger.drain();
    const succeeded = outcomes.filter((outcome) => outcome.status === 200).map((outcome) => outcome.inferenceId!);
    const billed = await gateway.database.db.selectFrom('usage').select('request_id').where('request_id', 'in', succeeded).execute();
    expect(billed.length).toBe(succeeded.length);
  });
});
