import { z } from 'zod';

/**
 * Text the gateway stores in Postgres: text and jsonb refuse U+0000, and a lone surrogate is not
 * Unicode at all (it cannot be encoded as UTF-8). Refused here as a 400 instead of a 500 from the
 * database.
 */
export const storedText = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine((text) => !text.includes('\u0000'), 'must not contain U+0000')
    .refine((text) => !loneSurrogate.test(text), 'must be well-formed Unicode (no lone surrogates)');

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
