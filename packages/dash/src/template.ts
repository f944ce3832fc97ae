// SegmentTemplate identifiers (ISO/IEC 23009-1 §5.3.9.4.4, Table 16): $RepresentationID$,
// $Number$, $Bandwidth$, $Time$, $SubNumber$ and $$, with an optional printf-style width tag
// (`%0Nd`; like Shaka we also accept i, u, x, X and o) on all but RepresentationID.

export interface TemplateValues {
  RepresentationID?: string;
  Number?: number;
  Bandwidth?: number;
  Time?: number;
  SubNumber?: number;
}

export interface TemplateProblem {
  message: string;
  index: number;
}

const IDENT = /\$(RepresentationID|Number|Bandwidth|Time|SubNumber)(?:%0(\d+)([diuxXo]))?\$/y;

function format(value: number, width: string | undefined, conv: string | undefined): string {
  let s = conv === 'x' ? value.toString(16) : conv === 'X' ? value.toString(16).toUpperCase() : conv === 'o' ? value.toString(8) : String(value);
  if (width !== undefined) s = s.padStart(Number(width), '0');
  return s;
}

/**
 * Substitutes the identifiers. Identifiers without a value, unknown identifiers and a lone `$`
 * are left as written and reported in `problems`.
 */
export function fillTemplate(template: string, values: TemplateValues, problems?: TemplateProblem[]): string {
  if (template.indexOf('$') < 0) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    if (template.charCodeAt(dollar + 1) === 36) {
      out += '$';
      i = dollar + 2;
      continue;
    }
    IDENT.lastIndex = dollar;
    const m = IDENT.exec(template);
    if (!m) {
      const close = template.indexOf('$', dollar + 1);
      problems?.push({ message: close < 0 ? `Unterminated "$" in "${template}".` : `Unknown identifier ${template.slice(dollar, close + 1)} in "${template}".`, index: dollar });
      const stop = close < 0 ? template.length : close + 1;
      out += template.slice(dollar, stop);
      i = stop;
      continue;
    }
    const [whole, name, width, conv] = m as unknown as [string, keyof TemplateValues, string | undefined, string | undefined];
    const value = values[name];
    if (value === undefined) {
      problems?.push({ message: `$${name}$ has no value here (${whole} in "${template}").`, index: dollar });
      out += whole;
    } else if (name === 'RepresentationID') {
      if (width !== undefined) problems?.push({ message: `$RepresentationID$ takes no format tag (${whole}).`, index: dollar });
      out += String(value);
    } else {
      out += format(value as number, width, conv);
    }
    i = dollar + whole.length;
  }
  return out;
}
