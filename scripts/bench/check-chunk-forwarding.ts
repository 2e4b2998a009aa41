import type { BenchContext } from './bench-context.js';
import { chatRequests } from './bench-requests.js';
import { runStreamProbe } from './run-stream-probe.js';
import { startGateway } from './start-gateway.js';
import { startSimulator } from './start-simulator.js';
import type { ProbeResult } from './stream-probe.js';

export interface ChunkForwardingResult {
  chunkDelayMs: number;
  direct: ProbeResult;
  gateway: ProbeResult;
  /** The gateway passed the stream on piece by piece, its first byte long before its last. */
  forwardedAsTheyArrive: boolean;
}

/**
 * A zero-delay upstream writes its whole stream at once, so it cannot show whether the gateway
 * buffers. Here a second simulator paces its events `chunkDelayMs` apart: a gateway that forwards
 * as events arrive delivers many chunks and its first byte within a few delays, one that buffers
 * delivers one chunk at the very end.
 */
export async function checkChunkForwarding(context: BenchContext): Promise<ChunkForwardingResult> {
  const chunkDelayMs = 20;
  const simulator = await startSimulator(context.root, { chunkDelayMs });
  try {
    const gateway = await startGateway(context.root, {
      mode: { id: 'chunk-forwarding', database: 'pglite', ledgerMode: 'durable' },
      simulatorUrl: simulator.url,
    });
    try {
      const requests = {
        direct: chatRequests(simulator.url, {}).stream,
        gateway: chatRequests(`${gateway.url}/v1`, { Authorization: `Bearer ${gateway.key}` }).stream,
      };
      const probe = (side: 'direct' | 'gateway') => runStreamProbe(context.root, { ...requests[side], concurrency: 1, seconds: 30, maxRequests: 3 });
      const direct = await probe('direct');
      const gatewayResult = await probe('gateway');
      const forwardedAsTheyArrive =
        gatewayResult.chunksPerResponse.min >= direct.chunksPerResponse.min / 2 && gatewayResult.firstByte.p99 < gatewayResult.lastByte.p50 / 4;
      return { chunkDelayMs, direct, gateway: gatewayResult, forwardedAsTheyArrive };
    } finally {
      await gateway.stop();
    }
  } finally {
    await simulator.process.stop();
  }
}
