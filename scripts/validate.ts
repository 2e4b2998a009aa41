import { InferenceClient } from '@huggingface/inference';
import { parseArgs } from 'node:util';
import { fetchGatewayMappings, hfTaskOf, type GatewayMapping } from './hub-sync.js';
import { runWhenScript } from './hub-cli.js';

/**
 * `npm run validate -- --url URL --key KEY`: the checks HF's automated validation runs on every
 * mapping every six hours (hub-docs register-as-a-provider.md "Automatic validation"), through the
 * real @huggingface/inference client: the call succeeds and its output parses; time to first token
 * under 5 s for conversational and text models (streaming), under 30 s for the others; LLMs answer
 * tool calls and structured output; `/v1/models` carries `pricing` and `context_length` per LLM.
 */

export interface ValidationRow {
  model: string;
  task: string;
  check: string;
  ok: boolean;
  ms: number;
  detail: string;
}

export interface ValidationOptions {
  url: string;
  key: string;
  /** HF's limits; lower them to test the checks themselves. */
  ttftLimitMs?: number;
  totalLimitMs?: number;
}

const llmTasks = new Set(['conversational', 'text-generation']);
const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const answerSchema = {
  type: 'object',
  properties: { color: { type: 'string' }, count: { type: 'integer' } },
  required: ['color', 'count'],
  additionalProperties: false,
};

export async function runValidation(options: ValidationOptions): Promise<ValidationRow[]> {
  const url = options.url.replace(/\/+$/, '');
  const ttftLimit = options.ttftLimitMs ?? 5_000;
  const totalLimit = options.totalLimitMs ?? 30_000;
  const rows: ValidationRow[] = [];
  const mappings = await fetchGatewayMappings(url, options.key);
  const client = (endpointUrl: string) => new InferenceClient(options.key, { endpointUrl });

  const check = async (mapping: GatewayMapping, name: string, limitMs: number, run: () => Promise<string | number>) => {
    const started = performance.now();
    const row: ValidationRow = { model: mapping.hub_model_id, task: hfTaskOf[mapping.task_type], check: name, ok: false, ms: 0, detail: '' };
    try {
      const result = await run();
      // A number is the measured latency (time to first token); a string is the call's own detail.
      row.ms = typeof result === 'number' ? result : Math.round(performance.now() - started);
      row.ok = row.ms < limitMs;
      row.detail = row.ok ? (typeof result === 'string' ? result : 'first token') : `${row.ms} ms is over the ${limitMs} ms limit`;
    } catch (error) {
      row.ms = Math.round(performance.now() - started);
      row.detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 160);
    }
    rows.push(row);
  };

  for (const mapping of mappings) {
    const model = mapping.hub_model_id;
    const perModel = client(`${url}/models/${model}`);
    const chat = client(`${url}/v1`);
    switch (mapping.task_type) {
      case 'conversational': {
        const messages = [{ role: 'user', content: 'Name one primary color.' }];
        await check(mapping, 'answers', totalLimit, async () => {
          const output = await chat.chatCompletion({ model, messages, max_tokens: 16 });
          return expectText(output.choices[0]?.message.content, 'choices[0].message.content');
        });
        await check(mapping, 'ttft (stream)', ttftLimit, () =>
          firstToken(chat.chatCompletionStream({ model, messages, max_tokens: 16 }), (chunk) => chunk.choices[0]?.delta.content),
        );
        await check(mapping, 'tool calling', totalLimit, async () => {
          const output = await chat.chatCompletion({
            model,
            messages: [{ role: 'user', content: 'Call get_weather for Paris.' }],
            tools: [weather],
            tool_choice: 'required',
          });
          const call = output.choices[0]?.message.tool_calls?.[0];
          if (call?.function.name !== 'get_weather') throw new Error('no get_weather tool call in the answer');
          const args: unknown = typeof call.function.arguments === 'string' ? JSON.parse(call.function.arguments) : call.function.arguments;
          if (!args || typeof args !== 'object') throw new Error('tool call arguments are not a JSON object');
          return `get_weather(${JSON.stringify(args)})`;
        });
        await check(mapping, 'structured output', totalLimit, async () => {
          const output = await chat.chatCompletion({
            model,
            messages: [{ role: 'user', content: 'A color and a count, as JSON.' }],
            response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: answerSchema, strict: true } },
          });
          const parsed = JSON.parse(expectText(output.choices[0]?.message.content, 'content')) as Record<string, unknown>;
          if (typeof parsed.color !== 'string' || !Number.isInteger(parsed.count)) throw new Error(`does not fit the schema: ${JSON.stringify(parsed)}`);
          return 'fits the JSON schema';
        });
        break;
      }
      case 'text-generation': {
        const inputs = 'The three primary colors are';
        await check(mapping, 'answers', totalLimit, async () =>
          expectText((await perModel.textGeneration({ inputs, parameters: { max_new_tokens: 8 } })).generated_text, 'generated_text'),
        );
        await check(mapping, 'ttft (stream)', ttftLimit, () =>
          // 4.13.30 yields the raw /v1/completions chunks for endpointUrl (hf-provider-spec §4).
          firstToken(perModel.textGenerationStream({ inputs, parameters: { max_new_tokens: 8 } }), (chunk) => {
            const raw = chunk as unknown as { choices?: { text?: string }[]; token?: { text?: string } };
            return raw.choices?.[0]?.text ?? raw.token?.text;
          }),
        );
        break;
      }
      case 'summarization':
        await check(mapping, 'answers', totalLimit, async () => expectText((await perModel.summarization({ inputs: longText })).summary_text, 'summary_text'));
        break;
      case 'translation':
        await check(mapping, 'answers', totalLimit, async () => {
          const output = await perModel.translation({ inputs: 'Good morning' });
          return expectText((Array.isArray(output) ? output[0] : output)?.translation_text, 'translation_text');
        });
        break;
      case 'question-answering':
        await check(mapping, 'answers', totalLimit, async () => {
          const output = await perModel.questionAnswering({
            inputs: { question: 'Where does Clara live?', context: 'My name is Clara and I live in Berkeley.' },
          });
          return expectText(output.answer, 'answer');
        });
        break;
      case 'text-classification':
        await check(mapping, 'answers', totalLimit, async () => {
          const output = await perModel.textClassification({ inputs: 'I love this movie!' });
          if (output.length === 0) throw new Error('no labels');
          return output.map((entry) => entry.label).join(', ');
        });
        break;
      case 'token-classification':
        await check(
          mapping,
          'answers',
          totalLimit,
          async () => `${(await perModel.tokenClassification({ inputs: 'My name is Omar and I live in Paris.' })).length} entities`,
        );
        break;
      case 'embedding':
        await check(mapping, 'answers', totalLimit, async () => {
          const output = await perModel.featureExtraction({ inputs: 'Today is a sunny day.' });
          const vector = (Array.isArray(output[0]) ? output[0] : output) as unknown[];
          if (!vector.length || !vector.every((value) => typeof value === 'number' && Number.isFinite(value)))
            throw new Error('not a vector of finite numbers');
          return `${vector.length} dimensions`;
        });
        break;
      case 'image-generation':
        await check(mapping, 'answers', totalLimit, async () => {
          const blob = await perModel.textToImage({ inputs: 'an astronaut riding a horse', parameters: { width: 64, height: 64 } }, { outputType: 'blob' });
          if (blob.size === 0) throw new Error('empty image');
          return `${blob.type} ${blob.size} bytes`;
        });
        break;
    }
  }

  const llms = [...new Set(mappings.filter((mapping) => llmTasks.has(mapping.task_type)).map((mapping) => mapping.hub_model_id))];
  if (llms.length > 0) {
    const started = performance.now();
    const response = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${options.key}` } });
    const listed = response.ok ? ((await response.json()) as { data: Record<string, unknown>[] }).data : [];
    for (const id of llms) {
      const entry = listed.find((model) => model.id === id);
      const pricing = entry?.pricing as { input?: unknown; output?: unknown } | undefined;
      const ok =
        !!entry &&
        typeof pricing?.input === 'number' &&
        typeof pricing.output === 'number' &&
        typeof entry.context_length === 'number' &&
        entry.context_length > 0;
      rows.push({
        model: id,
        task: 'llm',
        check: '/v1/models pricing',
        ok,
        ms: Math.round(performance.now() - started),
        detail: !response.ok
          ? `GET /v1/models: ${response.status}`
          : ok
            ? `$${String(pricing!.input)}/$${String(pricing!.output)} per 1M, ${String(entry!.context_length)} ctx`
            : entry
              ? 'pricing or context_length missing'
              : 'not listed',
      });
    }
  }
  return rows;
}

const longText =
  'The Eiffel Tower is 324 metres tall, about the same height as an 81-storey building, and the tallest structure in Paris. Its base is square, measuring 125 metres on each side.';

function expectText(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/\S/.test(value)) throw new Error(`${field} is not a non-empty string`);
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** Milliseconds until the stream yields its first piece of text; the rest is drained so the request completes. */
async function firstToken<T>(stream: AsyncIterable<T>, text: (chunk: T) => string | undefined | null): Promise<number> {
  const started = performance.now();
  let first: number | undefined;
  for await (const chunk of stream) if (first === undefined && text(chunk)) first = Math.round(performance.now() - started);
  if (first === undefined) throw new Error('the stream carried no text');
  return first;
}

export function formatRows(rows: readonly ValidationRow[]): string {
  const table = rows.map((row) => [row.ok ? 'PASS' : 'FAIL', row.task, row.model, row.check, `${row.ms} ms`, row.detail]);
  const header = ['', 'task', 'model', 'check', 'time', 'detail'];
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column]!.length)));
  const failed = rows.filter((row) => !row.ok).length;
  return [
    ...[header, ...table].map((cells) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    ),
    `${rows.length - failed} passed, ${failed} failed`,
  ].join('\n');
}

export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { url: { type: 'string' }, key: { type: 'string' }, 'ttft-limit-ms': { type: 'string' }, 'total-limit-ms': { type: 'string' } },
  });
  const url = values.url ?? process.env.GATEWAY_URL;
  const key = values.key ?? process.env.GATEWAY_API_KEY;
  if (!url || !key) {
    out('Usage: npm run validate -- --url URL --key KEY   (or GATEWAY_URL, GATEWAY_API_KEY)');
    return 2;
  }
  const rows = await runValidation({
    url,
    key,
    ...(values['ttft-limit-ms'] ? { ttftLimitMs: Number(values['ttft-limit-ms']) } : {}),
    ...(values['total-limit-ms'] ? { totalLimitMs: Number(values['total-limit-ms']) } : {}),
  });
  out(formatRows(rows));
  return rows.length > 0 && rows.every((row) => row.ok) ? 0 : 1;
}

runWhenScript(import.meta, 'validate', (argv) => main(argv));
