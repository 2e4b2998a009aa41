// The Gatewayz document's TypeScript example, as written, except for the key: createClient()
// with no arguments reads GATEWAYZ_API_KEY (and GATEWAYZ_BASE_URL, default http://localhost:8080).
// CI runs this file against a live gateway (clients/js/test/package.test.ts).
import { createClient } from 'gatewayz-js-hf';

const client = createClient(process.env.GATEWAYZ_API_KEY);

// Text generation
const response = await client.textGeneration('Hello, world!');

// Calculate cost
const cost = await client.calculateCost([
  {
    task: 'text-generation',
    model: 'gpt-3.5-turbo',
    input_tokens: 10,
    output_tokens: 20,
  },
]);

// Get usage
const usage = await client.getUsage(50, 0);

console.log(JSON.stringify({ text: response.output[0]?.generated_text, cost: cost.total_cost_nano_usd, records: usage.total_records }));
