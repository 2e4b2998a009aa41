import { z } from 'zod';

/**
 * One server-sent event of a `text/event-stream` body, as OpenAPI tools before 3.2 read the
 * media type's schema: each event parsed into its fields. `data` is the JSON payload of the
 * event (described per route), or `[DONE]` at the end of an OpenAI-format stream.
 */
export function eventStreamEventSchema(data: string) {
  return z
    .object({
      data: z.string().meta({ description: data }),
      event: z.string().optional().meta({ description: 'The event type; absent (that is, `message`) on every event the gateway sends.' }),
      id: z.string().optional(),
      retry: z.number().int().optional(),
    })
    .meta({ description: 'One server-sent event (`data: <payload>` then a blank line).' });
}
