import { z } from 'zod';

const side = (value: string) => Number(value) >= 64 && Number(value) <= 2_048;

/** OpenAI's `POST /v1/images/generations` body; options of OpenAI's own models (quality, style, ...) are accepted and ignored. */
export const imageRequestSchema = z
  .object({
    prompt: z.string().min(1),
    model: z.string().min(1).optional().meta({ description: "Gatewayz model id, Hub model id, or provider/model; the task's default model when absent." }),
    n: z.number().int().min(1).max(4).nullish(),
    size: z
      .string()
      .refine((size) => {
        if (size === 'auto') return true;
        const match = /^(\d+)x(\d+)$/.exec(size);
        return match !== null && side(match[1]!) && side(match[2]!);
      }, 'size must be "auto" or WIDTHxHEIGHT with each side from 64 to 2048, e.g. 1024x1024')
      .nullish(),
    response_format: z
      .enum(['url', 'b64_json'])
      .nullish()
      .meta({ description: '`url` links to the image on the gateway for an hour; `b64_json` inlines it; absent: both.' }),
    user: z.string().optional(),
  })
  .loose()
  .meta({ id: 'CreateImageRequest' });

export const imagesResponseSchema = z
  .object({
    created: z.number().int(),
    data: z.array(
      z
        .object({ url: z.string().optional(), b64_json: z.string().optional() })
        .meta({ description: 'url, b64_json, or both when the request named no response_format.' }),
    ),
  })
  .meta({ id: 'ImagesResponse' });

export type ImageRequest = z.infer<typeof imageRequestSchema>;
export type ImagesResponse = z.infer<typeof imagesResponseSchema>;
