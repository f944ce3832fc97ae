// The ad view of an MPD: signals from SCTE-35 EventStreams and the breaks they make.
import type { DashIssue } from '../issues.ts';
import type { Mpd } from '../mpd.ts';
import { asView } from '../locate.ts';
import type { MpdView } from '../model/types.ts';
import { readAdSignals, type DashAdSignal } from './ad-signals.ts';
import { pairAvails, type AvailsOptions, type DashAvail } from './avails.ts';

export interface AdScan {
  signals: DashAdSignal[];
  avails: DashAvail[];
}

export interface ScanAdsResult {
  value: AdScan;
  issues: DashIssue[];
}

/** Signals and breaks with the issues found decoding events and pairing them. Never throws. */
export function scanAds(mpd: Mpd | MpdView, options: AvailsOptions = {}): ScanAdsResult {
  const view = asView(mpd);
  const issues: DashIssue[] = [];
  const signals = readAdSignals(view, issues);
  const avails = pairAvails(view, signals, issues, options);
  return { value: { signals, avails }, issues };
}

/** Every SCTE-35 event of the MPD as an AdSignal (dialect 'dash-event'), in presentation order. Issues: scanAds(). */
export function adSignals(mpd: Mpd | MpdView): DashAdSignal[] {
  return readAdSignals(asView(mpd), []);
}

/** The breaks of the MPD. Issues (decoding, pairing): scanAds(). */
export function avails(mpd: Mpd | MpdView, options: AvailsOptions = {}): DashAvail[] {
  return scanAds(mpd, options).value.avails;
}
