import { describe, expect, it } from 'vitest';
import { answerChat, objectNamedBy } from './simulated-answer.js';

const weatherTool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('the simulator behaves like a model', () => {
  it('calls the tool the user names, then answers the tool result with text (an agent loop ends)', () => {
    const user = { role: 'user', content: 'Call get_weather for Oslo' };
    const first = answerChat({ messages: [user], tools: [weatherTool] }, 16);
    expect(first.finishReason).toBe('tool_calls');
    const call = { role: 'assistant', content: null, tool_calls: [{ id: first.toolCall!.id, type: 'function', function: first.toolCall }] };
    const second = answerChat({ messages: [user, call, { role: 'tool', tool_call_id: first.toolCall!.id, content: 'Sunny, 21 C' }], tools: [weatherTool] }, 16);
    expect(second.toolCall).toBeUndefined();
    expect(second.finishReason).toBe('stop');
    expect(second.content).toMatch(/^Simulated answer about From the tool: Sunny, 21:/);
  });

  it('still calls a tool forced by tool_choice after a tool result', () => {
    const messages = [
      { role: 'user', content: 'Weather?' },
      { role: 'tool', tool_call_id: 'x', content: 'Sunny' },
    ];
    const forced = answerChat({ messages, tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } }, 16);
    expect(forced.toolCall?.name).toBe('get_weather');
  });

  it('answers json_object with the fields the prompt names, typed by their hint, else {answer}', () => {
    expect(objectNamedBy('Reply in JSON with keys "name" and "age"', 'x')).toEqual({ name: 'simulated name', age: 'simulated age' });
    expect(objectNamedBy('Return JSON: city: string, population: integer, coastal: boolean', 'x')).toEqual({
      city: 'simulated city',
      population: 1,
      coastal: true,
    });
    expect(objectNamedBy('{"type": "object", "properties": {"title": {"type": "string"}, "year": {"type": "integer"}}}', 'x')).toEqual({
      year: 'simulated year',
    });
    expect(objectNamedBy('Tell me about Paris. Reply in JSON.', 'the answer')).toEqual({ answer: 'the answer' });
    const answer = answerChat(
      {
        messages: [
          { role: 'system', content: 'Answer as JSON with "capital".' },
          { role: 'user', content: 'France?' },
        ],
        response_format: { type: 'json_object' },
      },
      16,
    );
    expect(JSON.parse(answer.content)).toEqual({ capital: 'simulated capital' });
  });
});
