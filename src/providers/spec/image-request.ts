import type { Usage } from './usage.js';

/** One text-to-image call. Absent options keep the upstream's defaults. */
export interface ImageRequest {
  model: string;
  prompt: string;
  negativePrompt?: string;
  width?: number;
  height?: number;
  /** How many images; 1 when absent. */
  count?: number;
  seed?: number;
  steps?: number;
  guidanceScale?: number;
}

/**
 * The images as bytes, whatever the upstream sent (base64 or a URL the adapter fetched), so the
 * gateway can answer raw bytes, base64 or its own URL. `usage.images` counts them for billing.
 */
export interface ImageResult {
  images: { data: Buffer; mediaType: 'image/png' | 'image/jpeg' | 'image/webp' }[];
  usage: Usage;
}
