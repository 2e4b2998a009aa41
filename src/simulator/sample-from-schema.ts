/**
 * Where quoting strings come from: the simulator plays a model that quotes its input. Strings
 * named like `answer`, `text`, `quote` or `entity` are successive two-word spans of `words`
 * (the last block of the prompt), and `found`/`answerable` booleans say whether the block
 * before it (a question) shares a content word with it, or asks nothing specific ("Who?").
 */
export interface QuoteSource {
  words: string[];
  answerable: boolean;
  cursor: number;
}

export function quoteSourceOf(prompt: string): QuoteSource {
  const blocks = prompt.split(/\n\s*\n/);
  const last = blocks.at(-1) ?? '';
  const words = last.split(/\s+/).filter(Boolean);
  const contentWords = (text: string) => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  const asked = contentWords(blocks.at(-2) ?? '');
  return { words, answerable: asked.size === 0 || [...contentWords(last)].some((word) => asked.has(word)), cursor: 0 };
}

/**
 * Builds a value that validates against a simple JSON Schema (object, array, string, number,
 * integer, boolean, null, enum, const, anyOf/oneOf/allOf), so structured-output and tool-call
 * answers from the simulator parse in clients that check them. Every property is filled in,
 * required or not, because a strict schema (OpenAI's `strict: true`) requires them all.
 */
export function sampleFromSchema(schema: unknown, propertyName = '', depth = 0, quotes?: QuoteSource): unknown {
  // Deep or self-referencing schemas end in null rather than recursing forever.
  if (!isRecord(schema) || depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const chosen = variants.find((variant) => !(isRecord(variant) && variant.type === 'null')) ?? variants[0];
    return sampleFromSchema(chosen, propertyName, depth + 1, quotes);
  }
  switch (schemaType(schema)) {
    case 'object':
      return sampleObject(schema, depth, quotes);
    case 'array':
      return sampleArray(schema, propertyName, depth, quotes);
    case 'integer':
      return Math.round(clamp(3, schema));
    case 'number':
      return clamp(42.5, schema);
    case 'boolean':
      return quotes && /found|answerable/i.test(propertyName) ? quotes.answerable : true;
    case 'null':
      return null;
    default:
      return sampleString(schema, propertyName, quotes);
  }
}

function schemaType(schema: Record<string, unknown>): string {
  const declared = Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;
  if (typeof declared === 'string') return declared;
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'string';
}

function sampleObject(schema: Record<string, unknown>, depth: number, quotes: QuoteSource | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    result[name] = sampleFromSchema(propertySchema, name, depth + 1, quotes);
  }
  return result;
}

function sampleArray(schema: Record<string, unknown>, propertyName: string, depth: number, quotes: QuoteSource | undefined): unknown[] {
  const minimum = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maximum = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(1, minimum);
  const length = Math.min(Math.max(1, minimum), maximum);
  return Array.from({ length }, () => sampleFromSchema(schema.items, propertyName, depth + 1, quotes));
}

function clamp(preferred: number, schema: Record<string, unknown>): number {
  let value = preferred;
  if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
  if (typeof schema.exclusiveMinimum === 'number') value = Math.max(value, schema.exclusiveMinimum + 1);
  if (typeof schema.maximum === 'number') value = Math.min(value, schema.maximum);
  if (typeof schema.exclusiveMaximum === 'number') value = Math.min(value, schema.exclusiveMaximum - 1);
  return value;
}

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-05-01T12:00:00Z',
  date: '2024-05-01',
  time: '12:00:00',
  email: 'ada@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '6f1c2a9e-3b7d-4c5e-9f0a-1b2c3d4e5f60',
};

// Plausible values for common argument names, so tool calls read like a model wrote them.
const NAMED_SAMPLES: Array<[RegExp, string]> = [
  [/city|location|place/i, 'Paris'],
  [/country/i, 'France'],
  [/unit/i, 'celsius'],
  [/lang/i, 'en'],
  [/name/i, 'Ada Lovelace'],
  [/query|search|question/i, 'simulated query'],
];

function sampleString(schema: Record<string, unknown>, propertyName: string, quotes: QuoteSource | undefined): string {
  if (quotes && quotes.words.length > 0 && /answer|text|quote|span|entity|word/i.test(propertyName)) {
    const start = quotes.cursor % quotes.words.length;
    quotes.cursor += 2;
    return quotes.words
      .slice(start, start + 2)
      .join(' ')
      .replace(/[.,;:!?]+$/, '');
  }
  const byFormat = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
  let value = byFormat ?? NAMED_SAMPLES.find(([pattern]) => pattern.test(propertyName))?.[1] ?? `sample ${propertyName || 'text'}`;
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) value = value.padEnd(schema.minLength, 'x');
  if (typeof schema.maxLength === 'number') value = value.slice(0, schema.maxLength);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
