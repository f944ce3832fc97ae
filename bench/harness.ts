// A small benchmark harness: each suite measures candidates side by side in the same run
// (tinybench), and the results are appended to docs/benchmarks.md with the machine and date.
import { Bench } from 'tinybench';

export interface Row {
  name: string;
  opsPerSec: number;
  usPerOp: number;
  p99Us: number;
  samples: number;
}

export interface SuiteResult {
  title: string;
  /** What one operation is, in a sentence. */
  unit: string;
  rows: Row[];
  /** Lines of prose under the table: ratios, goals met or not, caveats. */
  notes: string[];
}

export interface Candidate {
  name: string;
  fn: () => unknown;
}

/** Runs the candidates side by side (interleaved warm-up, then each for `timeMs`). */
export async function compare(candidates: Candidate[], timeMs = 1500): Promise<Row[]> {
  const bench = new Bench({ time: timeMs, warmupTime: 300 });
  for (const c of candidates) bench.add(c.name, c.fn);
  await bench.run();
  return bench.tasks.map((task) => {
    const r = task.result as unknown as { state?: string; throughput?: { mean: number }; latency?: { mean: number; p99?: number; samples?: number[] | number }; error?: unknown };
    if (!r || r.state === 'errored' || r.error) throw new Error(`benchmark ${task.name} failed: ${String(r?.error)}`);
    const latencyMs = r.latency!.mean;
    const samples = Number((r.latency as { samplesCount?: number }).samplesCount ?? 0);
    return {
      name: task.name,
      opsPerSec: r.throughput!.mean,
      usPerOp: latencyMs * 1000,
      p99Us: (r.latency!.p99 ?? latencyMs) * 1000,
      samples,
    };
  });
}

/** `a` over `b` in ops/s, as "3.2x". */
export function ratio(rows: Row[], a: string, b: string): number {
  const ra = rows.find((r) => r.name === a);
  const rb = rows.find((r) => r.name === b);
  if (!ra || !rb) throw new Error(`ratio: missing ${!ra ? a : b}`);
  return ra.opsPerSec / rb.opsPerSec;
}

export function fmtRatio(x: number): string {
  return `${x.toFixed(2)}x`;
}
