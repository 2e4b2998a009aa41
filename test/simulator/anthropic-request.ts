import type { PromptTokens } from './anthropic-wire.js';
import { countWords, isRecord } from '../../src/simulator/simulated-answer.js';

/**
 * Rewrites a Messages API body into the Chat Completions shape `answerChat` reads, so both
 * protocols get the same deterministic answers: `system` becomes the first message, content
 * blocks become their text, tools and `tool_choice` take their OpenAI names.
 */
export function toChatShape(payload: Record<string, unknown>): Record<string, unknown> {
  const messages: Array<{ role: unknown; content: string }> = [];
  if (payload.system !== undefined) messages.push({ role: 'system', content: blocksOf(payload.system).map(blockText).join(' ') });
  for (const message of Array.isArray(payload.messages) ? payload.messages : []) {
    if (isRecord(message)) messages.push({ role: message.role, content: blocksOf(message.content).map(blockText).join(' ') });
  }
  const shape: Record<string, unknown> = { messages, max_tokens: payload.max_tokens };
  if (Array.isArray(payload.tools)) {
    shape.tools = payload.tools.filter(isRecord).map((tool) => ({ type: 'function', function: { name: tool.name, parameters: tool.input_schema } }));
  }
  const choice = isRecord(payload.tool_choice) ? payload.tool_choice : undefined;
  if (choice?.type === 'none') shape.tool_choice = 'none';
  if (choice?.type === 'any') shape.tool_choice = 'required';
  if (choice?.type === 'tool') shape.tool_choice = { type: 'function', function: { name: choice.name } };
  return shape;
}

/**
 * Simulates prompt caching: the prompt up to the last block marked `cache_control` is a cache
 * write the first time this server sees it, and a cache read afterwards. Real Anthropic also
 * caches `tools` and needs a minimum prefix length; the simulator counts system and messages
 * only and caches any length, so a test can see both fields move with a short prompt.
 */
export function createPromptCache(capacity = 10_000): (payload: Record<string, unknown>) => PromptTokens {
  const seen = new Set<string>();
  return (payload) => {
    const blocks = [...blocksOf(payload.system)];
    for (const message of Array.isArray(payload.messages) ? payload.messages : []) {
      if (isRecord(message)) blocks.push(...blocksOf(message.content));
    }
    let total = 0;
    let prefixTokens = 0;
    let prefixEnd = 0;
    blocks.forEach((block, index) => {
      total += countWords(blockText(block));
      if (isRecord(block.cache_control)) {
        prefixTokens = total;
        prefixEnd = index + 1;
      }
    });
    if (prefixTokens === 0) return { input: total, cacheWrite: 0, cacheRead: 0 };
    const key = JSON.stringify(blocks.slice(0, prefixEnd).map(blockText));
    const hit = seen.has(key);
    if (!hit) {
      if (seen.size >= capacity) seen.clear();
      seen.add(key);
    }
    return { input: total - prefixTokens, cacheWrite: hit ? 0 : prefixTokens, cacheRead: hit ? prefixTokens : 0 };
  };
}

/** Content is a string or a list of blocks; a string is one text block. */
function blocksOf(content: unknown): Record<string, unknown>[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

function blockText(block: Record<string, unknown>): string {
  if (typeof block.text === 'string') return block.text;
  if (block.type === 'tool_use') return JSON.stringify(block.input ?? {});
  if (block.type === 'tool_result') return blocksOf(block.content).map(blockText).join(' ');
  return '';
}
