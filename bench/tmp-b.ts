import { burst } from './stitcher.ts';
const r = await burst({ prefetch: true, n: 2000, onEvents: (e) => {
  const c: Record<string, number> = {};
  for (const x of e.events) c[x.eventType] = (c[x.eventType] ?? 0) + 1;
  console.log(c);
  const f = e.events.filter((x) => x.eventType === 'FILLED_AVAIL'); const modes: Record<string, number> = {}; for (const x of f) { const k = (x.avail as { mode: string }).mode + '/' + (x.prefetchScheduleName ?? '-'); modes[k] = (modes[k] ?? 0) + 1; } console.log(modes); console.log(JSON.stringify(f.find((x) => (x.avail as { mode: string }).mode === 'content')));
  console.log(JSON.stringify(e.events.filter((x) => x.eventType.startsWith('ERROR')).slice(0, 3)));
} });
console.log(JSON.stringify(r.notes, null, 1));
