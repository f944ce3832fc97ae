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
  return rowsOf(bench);
}

function rowsOf(bench: Bench): Row[] {
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

/** The median of `xs` (the mean of the middle two when their count is even). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >>> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Rows measured over alternating rounds, and each candidate's ops/s in every round. */
export interface RoundsResult {
  /** Per candidate: the medians over the rounds (ops/s, µs/op mean and p99); samples are summed. */
  rows: Row[];
  /** roundOps[c][k]: candidate c's ops/s in round k. */
  roundOps: number[][];
}

/**
 * Runs the candidates in `rounds` alternating rounds (A B, then B A, ...), each for `timeMs` a
 * round, so a slow spell of a shared machine falls on all of them; warm-up in the first round.
 * For ratios between candidates prefer {@link medianRatio}, the median of the per-round ratios.
 */
export async function compareRounds(candidates: Candidate[], rounds = 6, timeMs = 500): Promise<RoundsResult> {
  const results = candidates.map(() => [] as Row[]);
  for (let k = 0; k < rounds; k++) {
    const order = candidates.map((_, i) => i);
    if (k % 2 === 1) order.reverse();
    for (const i of order) {
      const [row] = await runOne(candidates[i]!, timeMs, k === 0);
      results[i]!.push(row!);
    }
  }
  return {
    rows: candidates.map((c, i) => {
      const rs = results[i]!;
      return {
        name: c.name,
        opsPerSec: median(rs.map((r) => r.opsPerSec)),
        usPerOp: median(rs.map((r) => r.usPerOp)),
        p99Us: median(rs.map((r) => r.p99Us)),
        samples: rs.reduce((n, r) => n + r.samples, 0),
      };
    }),
    roundOps: results.map((rs) => rs.map((r) => r.opsPerSec)),
  };
}

async function runOne(c: Candidate, timeMs: number, warmup: boolean): Promise<Row[]> {
  const bench = new Bench({ time: timeMs, warmup, warmupTime: 300 });
  bench.add(c.name, c.fn);
  await bench.run();
  return rowsOf(bench);
}

/** The median over rounds of candidate `a`'s ops/s over candidate `b`'s (indices into the candidates). */
export function medianRatio(result: RoundsResult, a: number, b: number): number {
  return median(result.roundOps[a]!.map((x, k) => x / result.roundOps[b]![k]!));
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
