// Makes a demo ad with ffmpeg: a coloured card with the ad's name, a countdown of the seconds left
// and a tone, as an MP4 (H.264 Main + AAC-LC, 25 fps, a key frame every second), so that a person
// watching a stitched stream sees and hears which ad plays and when it ends.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runFfmpeg } from './ffmpeg.ts';

const require = createRequire(import.meta.url);

export interface DemoCreativeSpec {
  file: string;
  title: string;
  durationSec: number;
  /** "0x1f6feb" */
  color: string;
  toneHz: number;
  width?: number;
  height?: number;
}

function fontFile(): string {
  return join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf', 'DejaVuSans-Bold.ttf');
}

/** drawtext-safe text: the filter graph treats \ ' : % , specially. */
function drawtextLiteral(text: string): string {
  return text.replace(/[^A-Za-z0-9 _.!-]/g, '_');
}

export async function makeDemoCreative(spec: DemoCreativeSpec): Promise<void> {
  const width = spec.width ?? 1280;
  const height = spec.height ?? 720;
  const d = spec.durationSec;
  const font = fontFile();
  const size = (f: number) => Math.max(8, Math.round(height * f));
  const video = [
    `color=c=${spec.color}:size=${width}x${height}:rate=25:duration=${d}`,
    `drawtext=fontfile=${font}:text='${drawtextLiteral(spec.title)}':x=(w-text_w)/2:y=h*0.22:fontsize=${size(0.1)}:fontcolor=white`,
    `drawtext=fontfile=${font}:text='AD  ${d} s':x=(w-text_w)/2:y=h*0.38:fontsize=${size(0.05)}:fontcolor=white@0.8`,
    `drawtext=fontfile=${font}:text='%{eif\\:max(1\\,ceil(${d}-t))\\:d}':x=(w-text_w)/2:y=h*0.55:fontsize=${size(0.22)}:fontcolor=white:box=1:boxcolor=black@0.3:boxborderw=${size(0.02)}`,
  ].join(',');
  await runFfmpeg([
    '-f', 'lavfi', '-i', video,
    '-f', 'lavfi', '-i', `sine=frequency=${spec.toneHz}:sample_rate=48000:duration=${d}`,
    '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
    '-g', '25', '-keyint_min', '25', '-sc_threshold', '0', '-b:v', '1500k', '-maxrate', '2000k', '-bufsize', '4000k',
    '-c:a', 'aac', '-b:a', '128k', '-ac', '2',
    '-t', String(d), '-movflags', '+faststart',
    spec.file,
  ]);
}
