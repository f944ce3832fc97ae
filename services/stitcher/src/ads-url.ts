// The ADS request URL: MediaTailor's dynamic variables in the configuration's template, each value
// percent-encoded. A variable without a value becomes empty (MediaTailor does the same).
import type { Session } from './model.ts';

export interface AvailVariables {
  availIndex: number;
  availDurationMs: number;
  /** A random number for [avail.random], drawn once per avail. */
  random: number;
  eventId?: number;
  availNum?: number;
  availsExpected?: number;
  uniqueProgramId?: number;
  segmentNum?: number;
  /** VOD: the content's duration ([content.duration] in seconds, [content.duration_ms]). */
  contentDurationMs?: number;
}

function enc(v: string | number | undefined): string {
  return v === undefined ? '' : encodeURIComponent(String(v)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The value of one of the avail's variables (`scte.*`, `avail.*`, `session.avail_duration_*`); undefined when unknown or not one. */
export function availVariable(name: string, a: AvailVariables): number | undefined {
  switch (name) {
    case 'session.avail_duration_ms':
      return a.availDurationMs;
    case 'session.avail_duration_secs':
      return Math.round(a.availDurationMs / 1000);
    case 'avail.index':
      return a.availIndex;
    case 'avail.random':
      return Math.floor(a.random * 1e10);
    case 'scte.event_id':
      return a.eventId;
    case 'scte.avail_num':
      return a.availNum;
    case 'scte.avails_expected':
      return a.availsExpected;
    case 'scte.unique_program_id':
      return a.uniqueProgramId;
    case 'scte.segment_num':
      return a.segmentNum;
    case 'content.duration':
      return a.contentDurationMs === undefined ? undefined : a.contentDurationMs / 1000;
    case 'content.duration_ms':
      return a.contentDurationMs;
    default:
      return undefined;
  }
}

/** The value of one variable (`session.id`, `player_params.x`, …); undefined when unknown. */
function variable(name: string, s: Session, a: AvailVariables): string | number | undefined {
  // MediaTailor: ads.x (implicit) / adsParams (explicit) and playerParams.x are both [player_params.x].
  if (name.startsWith('player_params.')) return s.playerParams[name.slice(14)] ?? s.adsParams[name.slice(14)];
  if (name.startsWith('asset.')) return s.adsParams[`asset.${name.slice(6)}`] ?? s.adsParams[name.slice(6)];
  switch (name) {
    case 'session.id':
    case 'session.uuid':
      return s.id;
    case 'session.client_ip':
      return s.clientIp;
    case 'session.user_agent':
      return s.userAgent;
    case 'session.referer':
      return s.referer;
    default:
      return availVariable(name, a);
  }
}

/** The template with every [variable] replaced. */
export function adsRequestUrl(template: string, session: Session, avail: AvailVariables): string {
  return template.replace(/\[([a-z_]+\.[A-Za-z0-9_.-]+)\]/g, (_m, name: string) => enc(variable(name, session, avail)));
}
