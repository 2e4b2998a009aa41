import { isRecord } from '../../src/simulator/simulated-answer.js';

/**
 * Rewrites a Gemini `generateContent` body into the Chat Completions shape `answerChat` reads,
 * so every protocol gets the same deterministic answers: `systemInstruction` becomes the first
 * message, parts become their text, function declarations and `toolConfig` take OpenAI's names,
 * and a JSON response MIME type with a schema becomes a `json_schema` response format.
 */
export function geminiToChatShape(payload: Record<string, unknown>): Record<string, unknown> {
  const messages: Array<{ role: string; content: string }> = [];
  if (isRecord(payload.systemInstruction)) messages.push({ role: 'system', content: partsText(payload.systemInstruction.parts) });
  for (const content of Array.isArray(payload.contents) ? payload.contents.filter(isRecord) : []) {
    messages.push({ role: content.role === 'model' ? 'assistant' : 'user', content: partsText(content.parts) });
  }
  const config = isRecord(payload.generationConfig) ? payload.generationConfig : {};
  const shape: Record<string, unknown> = { messages, max_tokens: config.maxOutputTokens };
  const declarations = (Array.isArray(payload.tools) ? payload.tools.filter(isRecord) : []).flatMap((tool) =>
    Array.isArray(tool.functionDeclarations) ? tool.functionDeclarations.filter(isRecord) : [],
  );
  if (declarations.length > 0) {
    shape.tools = declarations.map((declaration) => ({
      type: 'function',
      function: { name: declaration.name, parameters: declaration.parametersJsonSchema ?? lowerCaseTypes(declaration.parameters) },
    }));
  }
  const calling = isRecord(payload.toolConfig) && isRecord(payload.toolConfig.functionCallingConfig) ? payload.toolConfig.functionCallingConfig : {};
  const allowed = Array.isArray(calling.allowedFunctionNames) ? calling.allowedFunctionNames : [];
  if (calling.mode === 'NONE') shape.tool_choice = 'none';
  if (calling.mode === 'ANY') shape.tool_choice = allowed.length === 1 ? { type: 'function', function: { name: allowed[0] } } : 'required';
  if (config.responseMimeType === 'application/json') {
    const schema = config.responseJsonSchema ?? lowerCaseTypes(config.responseSchema);
    shape.response_format = schema === undefined ? { type: 'json_object' } : { type: 'json_schema', json_schema: { schema } };
  }
  return shape;
}

/** Text of a parts list; function calls and responses count as their JSON, like Gemini's tokenizer sees them. */
function partsText(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  return parts
    .filter(isRecord)
    .map((part) => {
      if (typeof part.text === 'string') return part.text;
      if (isRecord(part.functionCall)) return JSON.stringify(part.functionCall.args ?? {});
      if (isRecord(part.functionResponse)) return JSON.stringify(part.functionResponse.response ?? {});
      return '';
    })
    .join(' ');
}

/** Google's OpenAPI-subset schemas spell types in capitals (`OBJECT`); JSON Schema spells them lower-case. */
function lowerCaseTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerCaseTypes);
  if (!isRecord(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'type' && typeof value === 'string' ? value.toLowerCase() : lowerCaseTypes(value);
  return copy;
}
