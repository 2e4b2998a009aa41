// Reads the gateway's Prometheus text (/metrics) into samples, and estimates quantiles from a
// histogram's cumulative buckets the way PromQL's histogram_quantile does.

/** [{ name, labels: {..}, value }] for every sample line. */
export function parsePrometheus(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]] = pair[2].replace(/\\(.)/g, (_all, character) => (character === 'n' ? '\n' : character));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The q-quantile of cumulative buckets [{ le, count }] (le ascending, +Inf last). */
export function histogramQuantile(q, buckets) {
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const { le, count } of buckets) {
    if (count >= rank) {
      if (le === Infinity) return previousBound; // above the highest finite bound: that bound is all we know
      return previousBound + ((le - previousBound) * (rank - previousCount)) / Math.max(1, count - previousCount);
    }
    previousBound = le;
    previousCount = count;
  }
  return previousBound;
}

/** Per label value of `by`: the cumulative buckets of histogram `name`, sorted. */
export function histogramsBy(samples, name, by) {
  const histograms = new Map();
  for (const sample of samples) {
    if (sample.name !== `${name}_bucket`) continue;
    const key = sample.labels[by];
    if (!histograms.has(key)) histograms.set(key, []);
    histograms.get(key).push({ le: sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le), count: sample.value });
  }
  for (const buckets of histograms.values()) buckets.sort((a, b) => a.le - b.le);
  return histograms;
}
