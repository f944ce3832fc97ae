// A bar chart of a series in plain SVG: readable at any width (it scales), with a text summary for
// screen readers and a title per bar.
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
export interface ChartPoint {
  label: string;
  value: number | null;
}

export function BarChart(props: { title: string; points: ChartPoint[]; format?: (v: number) => string; max?: number }) {
  const format = props.format ?? ((v: number) => String(v));
  const values = props.points.map((p) => p.value ?? 0);
  const max = props.max ?? Math.max(1, ...values);
  const w = 600;
  const h = 140;
  const bw = props.points.length > 0 ? w / props.points.length : 0;
  const total = values.reduce((a, b) => a + b, 0);
  const last = props.points.at(-1);
  return (
    <figure className="chart">
      <figcaption>
        {props.title}
        <span className="chart-summary">
          {props.points.length} bins · peak {format(Math.max(0, ...values))}
          {props.max === undefined ? ` · total ${format(total)}` : ''}
        </span>
      </figcaption>
      <div className="plot">
        <span className="ymax">{format(max)}</span>
        <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${props.title}: ${props.points.length} bins, latest ${last?.value === null || last === undefined ? 'none' : format(last.value)}`} preserveAspectRatio="none">
          <line x1={0} y1={h - 0.5} x2={w} y2={h - 0.5} className="axis" />
          {props.points.map((p, i) => {
            const v = p.value ?? 0;
            const bh = (v / max) * (h - 4);
            return (
              <rect key={p.label} x={i * bw + 0.5} y={h - bh} width={Math.max(1, bw - 1)} height={bh} className={p.value === null ? 'bar empty' : 'bar'}>
                <title>{`${p.label}: ${p.value === null ? '—' : format(p.value)}`}</title>
              </rect>
            );
          })}
        </svg>
        <div className="xaxis">
          <span>{props.points[0]?.label ?? ''}</span>
          <span>{last?.label ?? ''}</span>
        </div>
      </div>
    </figure>
  );
}
