import type { CatalogModel } from '../../catalog/model-catalog.js';
import { GatewayError } from '../../errors.js';

type Tokenizer = NonNullable<CatalogModel['tokenizer']>;
type Decoder = (ids: number[]) => string;

const decoders = new Map<Tokenizer, Promise<Decoder>>();

/** Loaded on first use: the rank table is a few megabytes the gateway needs only for token-id inputs. */
function decoderFor(tokenizer: Tokenizer): Promise<Decoder> {
  let decoder = decoders.get(tokenizer);
  if (!decoder) {
    decoder = (async () => {
      const [{ Tiktoken }, ranks] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/cl100k_base')]);
      const encoding = new Tiktoken(ranks.default);
      return (ids: number[]) => encoding.decode(ids);
    })();
    decoders.set(tokenizer, decoder);
  }
  return decoder;
}

/**
 * Embedding inputs as text. Token ids (what LangChain's OpenAIEmbeddings sends by default) are
 * decoded with the model's own tokenizer, so the upstream embeds the same text; a model whose
 * tokenizer the gateway does not ship cannot take them.
 */
export async function embeddingTexts(input: string | string[] | number[] | number[][], model: CatalogModel): Promise<string[]> {
  if (typeof input === 'string') return [input];
  if (input.every((item) => typeof item === 'string')) return input as string[];
  const lists = (typeof input[0] === 'number' ? [input] : input) as number[][];
  if (!model.tokenizer) {
    throw new GatewayError(
      'invalid_request',
      'Token-id input not supported for this model',
      `Token-id input needs a model with a known tokenizer (text-embedding-3-small); "${model.id}" has none. Send the text instead.`,
    );
  }
  const decode = await decoderFor(model.tokenizer);
  return lists.map((ids) => {
    try {
      return decode(ids);
    } catch {
      throw new GatewayError('invalid_request', 'Invalid token ids', `The input holds token ids that ${model.tokenizer} does not have.`);
    }
  });
}
