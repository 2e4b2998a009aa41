import type { TaskType } from '../contract/task-types.js';

/**
 * The models Gatewayz knows how to serve and bill, embedded in the repo. A model is only served
 * when it has a price: a request the gateway cannot bill is refused, not given away.
 *
 * Prices are the providers' published list prices in USD per million units, as decimal strings
 * so they convert to nano-USD exactly. `providers` maps a provider id to that provider's own
 * model id; the simulator serves every model under its catalog id.
 */
export interface CatalogModel {
  id: string;
  tasks: readonly TaskType[];
  contextLength: number;
  ownedBy: string;
  providers: Readonly<Record<string, string>>;
  priceUsdPerMillion: { input: string; output: string; cacheRead?: string; cacheWrite?: string; image?: string };
  /** The model's tokenizer, when js-tiktoken ships it: token-id inputs to /v1/embeddings are decoded with it. */
  tokenizer?: 'cl100k_base';
}

/** A chat model performs every text task; the gateway turns each into a chat call. */
const chatTasks: readonly TaskType[] = [
  'text-generation',
  'conversational',
  'summarization',
  'translation',
  'question-answering',
  'text-classification',
  'token-classification',
];

export const embeddedCatalog: readonly CatalogModel[] = [
  {
    id: 'gpt-3.5-turbo',
    tasks: chatTasks,
    contextLength: 16_385,
    ownedBy: 'openai',
    providers: { openrouter: 'openai/gpt-3.5-turbo', openai: 'gpt-3.5-turbo' },
    priceUsdPerMillion: { input: '0.50', output: '1.50' },
  },
  {
    id: 'gpt-4o-mini',
    tasks: chatTasks,
    contextLength: 128_000,
    ownedBy: 'openai',
    providers: { openrouter: 'openai/gpt-4o-mini', openai: 'gpt-4o-mini' },
    priceUsdPerMillion: { input: '0.15', output: '0.60', cacheRead: '0.075' },
  },
  {
    id: 'gpt-4o',
    tasks: chatTasks,
    contextLength: 128_000,
    ownedBy: 'openai',
    providers: { openrouter: 'openai/gpt-4o', openai: 'gpt-4o' },
    priceUsdPerMillion: { input: '2.50', output: '10.00', cacheRead: '1.25' },
  },
  {
    id: 'claude-3.5-haiku',
    tasks: chatTasks,
    contextLength: 200_000,
    ownedBy: 'anthropic',
    providers: { openrouter: 'anthropic/claude-3.5-haiku', anthropic: 'claude-3-5-haiku-20241022' },
    priceUsdPerMillion: { input: '0.80', output: '4.00', cacheRead: '0.08', cacheWrite: '1.00' },
  },
  {
    id: 'llama-3.1-8b-instruct',
    tasks: chatTasks,
    contextLength: 131_072,
    ownedBy: 'meta-llama',
    providers: {
      openrouter: 'meta-llama/llama-3.1-8b-instruct',
      together: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
      groq: 'llama-3.1-8b-instant',
      'fireworks-ai': 'accounts/fireworks/models/llama-v3p1-8b-instruct',
      deepinfra: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      novita: 'meta-llama/llama-3.1-8b-instruct',
      cerebras: 'llama3.1-8b',
      nscale: 'meta-llama/Llama-3.1-8B-Instruct',
      'featherless-ai': 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      // vLLM serves a model under its Hub id unless started with --served-model-name.
      'openai-compatible': 'meta-llama/Llama-3.1-8B-Instruct',
    },
    priceUsdPerMillion: { input: '0.02', output: '0.03' },
  },
  {
    id: 'mistral-small-latest',
    tasks: chatTasks,
    contextLength: 128_000,
    ownedBy: 'mistralai',
    providers: { mistral: 'mistral-small-latest' },
    priceUsdPerMillion: { input: '0.10', output: '0.30' },
  },
  {
    id: 'deepseek-chat',
    tasks: chatTasks,
    contextLength: 128_000,
    ownedBy: 'deepseek',
    providers: { deepseek: 'deepseek-chat' },
    priceUsdPerMillion: { input: '0.28', output: '0.42', cacheRead: '0.028' },
  },
  {
    id: 'grok-3-mini',
    tasks: chatTasks,
    contextLength: 131_072,
    ownedBy: 'xai',
    providers: { xai: 'grok-3-mini', openrouter: 'x-ai/grok-3-mini' },
    priceUsdPerMillion: { input: '0.30', output: '0.50', cacheRead: '0.075' },
  },
  {
    id: 'gemini-2.0-flash',
    tasks: chatTasks,
    contextLength: 1_048_576,
    ownedBy: 'google',
    providers: { google: 'gemini-2.0-flash', openrouter: 'google/gemini-2.0-flash-001' },
    priceUsdPerMillion: { input: '0.10', output: '0.40', cacheRead: '0.025' },
  },
  {
    id: 'command-r-08-2024',
    tasks: chatTasks,
    contextLength: 128_000,
    ownedBy: 'cohere',
    providers: { cohere: 'command-r-08-2024', openrouter: 'cohere/command-r-08-2024' },
    priceUsdPerMillion: { input: '0.15', output: '0.60' },
  },
  {
    id: 'embed-english-v3.0',
    tasks: ['embedding'],
    contextLength: 512,
    ownedBy: 'cohere',
    providers: { cohere: 'embed-english-v3.0' },
    priceUsdPerMillion: { input: '0.10', output: '0' },
  },
  {
    id: 'text-embedding-3-small',
    tasks: ['embedding'],
    contextLength: 8_191,
    ownedBy: 'openai',
    providers: { openai: 'text-embedding-3-small' },
    priceUsdPerMillion: { input: '0.02', output: '0' },
    tokenizer: 'cl100k_base',
  },
  {
    id: 'bge-base-en-v1.5',
    tasks: ['embedding'],
    contextLength: 512,
    ownedBy: 'BAAI',
    providers: { together: 'BAAI/bge-base-en-v1.5', deepinfra: 'BAAI/bge-base-en-v1.5', 'hf-inference': 'BAAI/bge-base-en-v1.5' },
    priceUsdPerMillion: { input: '0.008', output: '0' },
  },
  {
    id: 'flux.1-schnell',
    tasks: ['image-generation'],
    contextLength: 0,
    ownedBy: 'black-forest-labs',
    // Priced per image (a 1024x1024 image at Together's $0.0027 per megapixel, rounded up).
    providers: {
      together: 'black-forest-labs/FLUX.1-schnell',
      'hf-inference': 'black-forest-labs/FLUX.1-schnell',
      replicate: 'black-forest-labs/flux-schnell',
      'fal-ai': 'fal-ai/flux/schnell',
    },
    priceUsdPerMillion: { input: '0', output: '0', image: '3000' },
  },
  {
    id: 'gpt-image-1',
    tasks: ['image-generation'],
    contextLength: 0,
    ownedBy: 'openai',
    // OpenAI's medium-quality 1024x1024 price per image.
    providers: { openai: 'gpt-image-1' },
    priceUsdPerMillion: { input: '0', output: '0', image: '42000' },
  },
];

/** Hub models mapped on every database (unless remapped), so every README example works on first try. */
export const defaultMappings: readonly { hubModelId: string; providerModelId: string; taskType: TaskType; parameters?: Record<string, unknown> }[] = [
  { hubModelId: 'meta-llama/Llama-3.1-8B-Instruct', providerModelId: 'llama-3.1-8b-instruct', taskType: 'text-generation' },
  { hubModelId: 'meta-llama/Llama-3.1-8B-Instruct', providerModelId: 'llama-3.1-8b-instruct', taskType: 'conversational' },
  { hubModelId: 'facebook/bart-large-cnn', providerModelId: 'gpt-4o-mini', taskType: 'summarization' },
  { hubModelId: 'Helsinki-NLP/opus-mt-en-fr', providerModelId: 'gpt-4o-mini', taskType: 'translation', parameters: { src_lang: 'en', tgt_lang: 'fr' } },
  { hubModelId: 'deepset/roberta-base-squad2', providerModelId: 'gpt-4o-mini', taskType: 'question-answering' },
  {
    hubModelId: 'distilbert/distilbert-base-uncased-finetuned-sst-2-english',
    providerModelId: 'gpt-4o-mini',
    taskType: 'text-classification',
    parameters: { candidate_labels: ['POSITIVE', 'NEGATIVE'] },
  },
  {
    hubModelId: 'dslim/bert-base-NER',
    providerModelId: 'gpt-4o-mini',
    taskType: 'token-classification',
    parameters: { labels: ['PER', 'ORG', 'LOC', 'MISC'] },
  },
  { hubModelId: 'BAAI/bge-base-en-v1.5', providerModelId: 'bge-base-en-v1.5', taskType: 'embedding' },
  { hubModelId: 'black-forest-labs/FLUX.1-schnell', providerModelId: 'flux.1-schnell', taskType: 'image-generation' },
];

/** The model a request gets when it names none. */
export const defaultModels: Readonly<Record<TaskType, string>> = {
  'text-generation': 'gpt-3.5-turbo',
  conversational: 'gpt-3.5-turbo',
  summarization: 'gpt-4o-mini',
  translation: 'gpt-4o-mini',
  'question-answering': 'gpt-4o-mini',
  'text-classification': 'gpt-4o-mini',
  'token-classification': 'gpt-4o-mini',
  embedding: 'text-embedding-3-small',
  'image-generation': 'flux.1-schnell',
};

/** When the embedded prices were read from the providers' price pages. */
export const embeddedPricesEffectiveFrom = new Date('2026-11-26T00:00:00Z');
