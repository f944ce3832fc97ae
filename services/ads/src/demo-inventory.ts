// The demo inventory the program creates on the first start of the embedded default: five
// advertisers, seven ads of 10, 15, 20 and 30 s made with ffmpeg (coloured cards with the ad's name,
// a countdown and a tone), a sponsorship campaign with targeting, a frequency cap, and a house ad
// as the fallback — so a new user's stitched stream shows ads within a minute.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { creativeFromFile } from './creative-routes.ts';
import type { Ad, Advertiser, Campaign, Creative } from './inventory.ts';
import type { Clock, InventoryRepository, MediaProber } from './ports.ts';
import type { TargetingRule } from './targeting.ts';

export interface DemoAdSpec {
  id: string;
  title: string;
  seconds: number;
  color: string;
  toneHz: number;
}

interface DemoAdvertiser {
  advertiser: Pick<Advertiser, 'id' | 'name' | 'domain' | 'categories'>;
  campaign: Pick<Campaign, 'id' | 'name' | 'priority' | 'weight' | 'pacing' | 'frequencyCaps'> & { targeting: TargetingRule | null };
  ads: DemoAdSpec[];
}

export const DEMO_INVENTORY: DemoAdvertiser[] = [
  {
    advertiser: { id: 'demo-contoso', name: 'Contoso Motors', domain: 'contoso.example', categories: ['IAB2'] },
    campaign: { id: 'demo-contoso-launch', name: 'Launch sponsorship', priority: 1, weight: 100, pacing: 'asap', frequencyCaps: [], targeting: { not: { key: 'genre', in: ['kids'] } } },
    ads: [
      { id: 'demo-contoso-30', title: 'Contoso Motors', seconds: 30, color: '0xb91c1c', toneHz: 392 },
      { id: 'demo-contoso-20', title: 'Contoso Motors', seconds: 20, color: '0x7f1d1d', toneHz: 440 },
    ],
  },
  {
    advertiser: { id: 'demo-northwind', name: 'Northwind Coffee', domain: 'northwind.example', categories: ['IAB8'] },
    campaign: { id: 'demo-northwind-morning', name: 'Morning blend', priority: 2, weight: 100, pacing: 'asap', frequencyCaps: [{ scope: 'session', max: 3, windowSeconds: 3600 }], targeting: null },
    ads: [{ id: 'demo-northwind-15', title: 'Northwind Coffee', seconds: 15, color: '0x8a4b08', toneHz: 523 }],
  },
  {
    advertiser: { id: 'demo-fabrikam', name: 'Fabrikam Phones', domain: 'fabrikam.example', categories: ['IAB19'] },
    campaign: { id: 'demo-fabrikam-x', name: 'Fabrikam X', priority: 2, weight: 100, pacing: 'asap', frequencyCaps: [], targeting: null },
    ads: [
      { id: 'demo-fabrikam-10', title: 'Fabrikam Phones', seconds: 10, color: '0x1f6feb', toneHz: 660 },
      { id: 'demo-fabrikam-20', title: 'Fabrikam X', seconds: 20, color: '0x0b3d91', toneHz: 587 },
    ],
  },
  {
    advertiser: { id: 'demo-tailspin', name: 'Tailspin Travel', domain: 'tailspin.example', categories: ['IAB20'] },
    campaign: { id: 'demo-tailspin-summer', name: 'Summer fares', priority: 2, weight: 60, pacing: 'asap', frequencyCaps: [], targeting: null },
    ads: [{ id: 'demo-tailspin-15', title: 'Tailspin Travel', seconds: 15, color: '0x047857', toneHz: 494 }],
  },
  {
    advertiser: { id: 'demo-house', name: 'adsplice', domain: null, categories: ['house'] },
    campaign: { id: 'demo-house', name: 'House ads', priority: 5, weight: 100, pacing: 'asap', frequencyCaps: [], targeting: null },
    ads: [{ id: 'demo-house-10', title: 'adsplice: your ad here', seconds: 10, color: '0x4b5563', toneHz: 330 }],
  },
];

export interface DemoContext {
  repo: InventoryRepository;
  prober: MediaProber;
  clock: Clock;
  mediaDir: string;
  /** Writes one demo ad's MP4 (ffmpeg in production). */
  make(spec: DemoAdSpec & { file: string }): Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

/** Creates the demo inventory unless it exists. `created` is false when it was already there. */
export async function ensureDemoInventory(ctx: DemoContext): Promise<{ created: boolean }> {
  const marker = DEMO_INVENTORY[0]!.advertiser.id;
  if (await ctx.repo.get('advertisers', marker)) return { created: false };
  await mkdir(ctx.mediaDir, { recursive: true });
  const nowIso = new Date(ctx.clock.now()).toISOString();
  const advertisers: Advertiser[] = [];
  const campaigns: Campaign[] = [];
  const creatives: Creative[] = [];
  const ads: Ad[] = [];
  const specs = DEMO_INVENTORY.flatMap((d) => d.ads);
  let done = 0;
  for (const d of DEMO_INVENTORY) {
    advertisers.push({ ...d.advertiser, createdAt: nowIso, updatedAt: nowIso });
    campaigns.push({ ...d.campaign, advertiserId: d.advertiser.id, active: true, startAt: nowIso, endAt: null, impressionGoal: null, dailyCap: null, categories: [], timeZone: null, createdAt: nowIso, updatedAt: nowIso });
    for (const spec of d.ads) {
      const temp = join(ctx.mediaDir, `.demo-${spec.id}.mp4`);
      await ctx.make({ ...spec, file: temp });
      const bytes = await readFile(temp);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const fileName = `${spec.id}-${sha256.slice(0, 12)}.mp4`;
      const creative = await creativeFromFile(ctx.prober, temp, { id: spec.id, name: `${spec.title} ${spec.seconds} s`, fileName, sha256, size: bytes.length, nowIso });
      if (!existsSync(join(ctx.mediaDir, fileName))) await rename(temp, join(ctx.mediaDir, fileName));
      await rm(temp, { force: true });
      creatives.push(creative);
      ads.push({
        id: spec.id,
        campaignId: d.campaign.id,
        advertiserId: d.advertiser.id,
        title: `${spec.title} (${spec.seconds} s)`,
        creativeId: creative.id,
        durationMs: creative.durationMs,
        clickThrough: d.advertiser.domain ? `https://${d.advertiser.domain}/` : 'https://github.com/',
        active: true,
        weight: 100,
        categories: [],
        universalAdId: null,
        createdAt: nowIso,
        updatedAt: nowIso,
      });
      ctx.onProgress?.(++done, specs.length);
    }
  }
  if (!(await ctx.repo.createMany({ advertisers, campaigns, creatives, ads }))) return { created: false };
  const fallback = await ctx.repo.fallback();
  if (fallback.adIds.length === 0) await ctx.repo.setFallback({ adIds: ['demo-house-10'] });
  return { created: true };
}
