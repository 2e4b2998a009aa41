import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess } from './child-processes.js';

/** A POST that wrk repeats on every connection. */
export interface WrkRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface WrkRun {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Milliseconds, from wrk's full latency histogram (microsecond resolution). */
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  /** Socket errors and timeouts; HTTP errors make the run fail instead (see `runWrk`). */
  socketErrors: number;
}

/**
 * Writes wrk's Lua script: the request, and a `done` hook printing the summary as one JSON line,
 * so the percentiles come from wrk's histogram instead of its rounded text output.
 */
export function writeWrkScript(directory: string, name: string, request: WrkRequest): string {
  const longString = (text: string) => {
    if (text.includes(']==]')) throw new Error('a wrk body or header may not contain ]==]');
    return `[==[${text}]==]`;
  };
  const headerLines = Object.entries(request.headers).map(([header, value]) => `wrk.headers[ ${longString(header)} ] = ${longString(value)}`);
  const script = [
    'wrk.method = "POST"',
    `wrk.body = ${longString(request.body)}`,
    ...headerLines,
    'done = function(summary, latency, requests)',
    '  local errors = summary.errors',
    '  io.write(string.format(\'WRK_RESULT {"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,' +
      '"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d}\\n\',',
    '    summary.requests, summary.duration, errors.status, errors.connect + errors.read + errors.write + errors.timeout,',
    '    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))',
    'end',
    '',
  ].join('\n');
  const path = join(directory, `${name}.lua`);
  writeFileSync(path, script);
  return path;
}

export async function runWrk(options: { url: string; script: string; connections: number; seconds: number; cpu?: number }): Promise<WrkRun> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', '--timeout', '10s', '-s', options.script, options.url];
  const child = startProcess('wrk', 'wrk', args, options.cpu === undefined ? {} : { cpu: options.cpu });
  const exitCode = await child.exited;
  const line = child.output().match(/^WRK_RESULT (\{.*\})$/m)?.[1];
  if (exitCode !== 0 || line === undefined) throw new Error(`wrk failed (exit ${exitCode}):\n${child.output().slice(-2_000)}`);
  const summary = JSON.parse(line) as Record<string, number>;
  const field = (name: string) => summary[name] ?? Number.NaN;
  if (field('status_errors') > 0) {
    // A gateway answering 4xx/5xx fast would post flattering numbers for the wrong work.
    throw new Error(`${field('status_errors')} of ${field('requests')} responses from ${options.url} were HTTP errors`);
  }
  const seconds = field('duration_us') / 1e6;
  const milliseconds = (name: string) => round(field(name) / 1000);
  return {
    requests: field('requests'),
    seconds: round(seconds),
    requestsPerSecond: round(field('requests') / seconds),
    latency: {
      p50: milliseconds('p50_us'),
      p90: milliseconds('p90_us'),
      p99: milliseconds('p99_us'),
      mean: milliseconds('mean_us'),
      max: milliseconds('max_us'),
    },
    socketErrors: field('socket_errors'),
  };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
