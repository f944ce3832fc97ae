// mpd-parser (video.js) ships no type declarations; tests and bench/dash.ts use only parse().
declare module 'mpd-parser' {
  export function parse(manifestString: string, options?: { manifestUri?: string; NOW?: number; clientOffset?: number; [key: string]: unknown }): unknown;
}
