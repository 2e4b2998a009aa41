import { z } from 'zod';
import { generationParametersSchema } from './generation-parameters.js';

/**
 * The text tasks a chat model performs for the gateway. Each takes HF's request shape
 * (`{inputs, parameters}`) and answers inside the Gatewayz envelope `{"output": <HF task output>}`.
 * Unknown parameters are accepted (HF clients send many) and ignored.
 */
const text = z.string().min(1);
const taskParameters = generationParametersSchema;
const common = { model: z.string().min(1).optional() };

export const summarizationInputSchema = z.object({ inputs: text, parameters: taskParameters.optional(), ...common }).meta({ id: 'SummarizationRequest' });
export const summarizationOutputSchema = z.object({ output: z.object({ summary_text: z.string() }) }).meta({ id: 'SummarizationResponse' });

export const translationInputSchema = z
  .object({
    inputs: text,
    parameters: taskParameters
      .extend({
        src_lang: z.string().min(1).optional().meta({ description: 'Source language; detected when absent.' }),
        tgt_lang: z.string().min(1).optional().meta({ description: 'Target language; required unless the model mapping sets one.' }),
      })
      .optional(),
    ...common,
  })
  .meta({ id: 'TranslationRequest' });
export const translationOutputSchema = z.object({ output: z.object({ translation_text: z.string() }) }).meta({ id: 'TranslationResponse' });

export const questionAnsweringInputSchema = z
  .object({
    inputs: z.object({ question: text, context: text }),
    parameters: taskParameters.optional(),
    ...common,
  })
  .meta({ id: 'QuestionAnsweringRequest' });
export const answerSchema = z
  .object({
    answer: z.string().meta({ description: 'A verbatim span of the context.' }),
    score: z.number().min(0).max(1),
    start: z.number().int().meta({ description: 'Offset of the answer in the context (UTF-16 code units).' }),
    end: z.number().int(),
  })
  .meta({ id: 'Answer' });
export const questionAnsweringOutputSchema = z.object({ output: answerSchema }).meta({ id: 'QuestionAnsweringResponse' });

const labels = z.array(z.string().min(1)).min(2).max(50);
export const textClassificationInputSchema = z
  .object({
    inputs: text,
    parameters: taskParameters
      .extend({
        candidate_labels: labels.optional().meta({ description: 'The labels to score; the model mapping may set them.' }),
        top_k: z.number().int().positive().optional(),
      })
      .optional(),
    ...common,
  })
  .meta({ id: 'TextClassificationRequest' });
export const labelScoreSchema = z.object({ label: z.string(), score: z.number().min(0).max(1) }).meta({ id: 'LabelScore' });
export const textClassificationOutputSchema = z
  .object({ output: z.array(labelScoreSchema).meta({ description: 'Every label, best first; scores sum to 1.' }) })
  .meta({ id: 'TextClassificationResponse' });

export const tokenClassificationInputSchema = z
  .object({
    inputs: text,
    parameters: taskParameters.extend({ labels: labels.optional().meta({ description: 'Entity types; default PER, ORG, LOC, MISC.' }) }).optional(),
    ...common,
  })
  .meta({ id: 'TokenClassificationRequest' });
export const entitySchema = z
  .object({
    entity_group: z.string(),
    score: z.number().min(0).max(1),
    word: z.string().meta({ description: 'The entity exactly as it appears in the input.' }),
    start: z.number().int(),
    end: z.number().int(),
  })
  .meta({ id: 'Entity' });
export const tokenClassificationOutputSchema = z.object({ output: z.array(entitySchema) }).meta({ id: 'TokenClassificationResponse' });

export type SummarizationInput = z.infer<typeof summarizationInputSchema>;
export type TranslationInput = z.infer<typeof translationInputSchema>;
export type QuestionAnsweringInput = z.infer<typeof questionAnsweringInputSchema>;
export type TextClassificationInput = z.infer<typeof textClassificationInputSchema>;
export type TokenClassificationInput = z.infer<typeof tokenClassificationInputSchema>;
export type SummarizationOutput = z.infer<typeof summarizationOutputSchema>;
export type TranslationOutput = z.infer<typeof translationOutputSchema>;
export type QuestionAnsweringOutput = z.infer<typeof questionAnsweringOutputSchema>;
export type TextClassificationOutput = z.infer<typeof textClassificationOutputSchema>;
export type TokenClassificationOutput = z.infer<typeof tokenClassificationOutputSchema>;
