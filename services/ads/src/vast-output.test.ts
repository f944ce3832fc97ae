// What the ADS serves, checked three ways for every pod shape and VAST version: against the IAB
// XSD with xmllint, read back by a real player-side parser (@dailymotion/vast-client over
// @xmldom/xmldom), and the fast template renderer against packages/vast's buildVast.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { VASTParser } from '@dailymotion/vast-client';
import { buildVast, parseVast, type VastBuildVersion } from '@adsplice/vast';
import { BeaconSigner, BEACON_EVENTS } from './beacon-signer.ts';
import { compileInventory, type CompiledAd } from './compile-inventory.ts';
import { simpleInventory, T0 } from './testing/builders.ts';
import { validateMany, xmllintSkip, XSD_FOR_VERSION } from './testing/xmllint.ts';
import { vastDocument, type UrlContext } from './vast-output.ts';
import { VastRenderer } from './vast-template.ts';

const HOSTILE = 'Sale ]]><script>alert("x")</script> & <![CDATA[more]]> \'now\' \u0007';
const VERSIONS: VastBuildVersion[] = ['4.2', '4.1', '4.0', '3.0', '2.0'];

function inventory() {
  const s = simpleInventory(Array.from({ length: 10 }, (_, i) => [[6, 10, 15, 20, 30][i % 5]!]));
  s.ads[0]!.title = HOSTILE;
  s.advertisers[0]!.name = '<b>Evil & Co</b>';
  s.ads[1]!.clickThrough = null;
  s.ads[2]!.categories = ['IAB2-1', 'made-up'];
  s.ads[3]!.universalAdId = { idRegistry: 'ad-id.org', value: 'ABCD1234000H' };
  s.creatives.find((c) => c.id === s.ads[4]!.creativeId)!.audioCodec = null;
  return compileInventory(s, { nowMs: T0 });
}
const inv = inventory();
const allAds = [...inv.ads.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
const pod = (ads: CompiledAd[]) => ({ ads: ads.map((ad, i) => ({ ad, sequence: i + 1 })) });
const SHAPES: Record<string, ReturnType<typeof pod>> = {
  empty: pod([]),
  single: pod([allAds[1]!]),
  'hostile title and advertiser': pod([allAds[0]!]),
  'two ads': pod(allAds.slice(1, 3)),
  'three ads': pod(allAds.slice(2, 5)),
  'five ads': pod(allAds.slice(0, 5)),
  'ten ads': pod(allAds),
};
const signer = new BeaconSigner('test-secret-test-secret');
const session = 'sess/ü&<x>"1';
const ctx: UrlContext = {
  baseUrl: 'https://ads.example.com',
  sessionParam: encodeURIComponent(session),
  timeParam: String(T0),
  decisionId: 'dec-42',
  tags: (adId) => signer.signAll(adId, session, T0),
};
const decisionSigner = signer.forDecision(session, T0);
/** As the ad request sends it: bytes, beacon tags encoded from their MAC bytes. */
const bytesCtx = { ...ctx, podTagBytes: (adIds: readonly string[]) => decisionSigner.podTagBytes(adIds) };
const served = (shape: ReturnType<typeof pod>, version: VastBuildVersion) => new VastRenderer(inv).renderBody(shape, version, bytesCtx).toString('utf8');
const servedFixedBase = (shape: ReturnType<typeof pod>, version: VastBuildVersion) => VastRenderer.of(inv, ctx.baseUrl).renderBody(shape, version, bytesCtx).toString('utf8');

describe('VAST output', () => {
  test('a reused body buffer: released, the next body is written over it; not released, the next body gets its own', () => {
    const r = new VastRenderer(inv);
    const five = SHAPES['five ads']!;
    const two = SHAPES['two ads']!;
    const a = r.renderBody(five, '4.2', bytesCtx, true);
    const aText = a.toString('utf8');
    assert.equal(aText, served(five, '4.2'));
    const b = r.renderBody(two, '4.2', bytesCtx, true);
    assert.notEqual(b.buffer, a.buffer, 'a is still out: b has a buffer of its own');
    assert.equal(a.toString('utf8'), aText, 'and a is untouched');
    assert.equal(b.toString('utf8'), served(two, '4.2'));
    r.release(a); // a's buffer was replaced while out: giving it back changes nothing
    r.release(b);
    const c = r.renderBody(five, '4.2', bytesCtx, true);
    assert.equal(c.buffer, b.buffer, 'b was given back: c is written over it');
    assert.equal(c.toString('utf8'), served(five, '4.2'));
    assert.equal(a.toString('utf8'), aText, 'a, never given back, is never written over');
    const own = r.renderBody(two, '4.2', bytesCtx);
    r.release(own);
    assert.notEqual(own.buffer, c.buffer, 'without reuse a body has its own buffer');
    assert.equal(c.toString('utf8'), served(five, '4.2'));
  });

  test('the template renderer writes exactly what buildVast writes, for every shape and version', () => {
    for (const version of VERSIONS) {
      for (const [name, shape] of Object.entries(SHAPES)) {
        assert.equal(served(shape, version), buildVast(vastDocument(shape, ctx, version), { version }), `${name} @ ${version}`);
        assert.equal(served(shape, version), served(shape, version), 'a cached template renders the same');
        assert.equal(servedFixedBase(shape, version), served(shape, version), 'with the base written into the templates');
        assert.equal(VastRenderer.of(inv, ctx.baseUrl).render(shape, version, { ...ctx, baseUrl: 'http://other.example' }), buildVast(vastDocument(shape, { ...ctx, baseUrl: 'http://other.example' }, version), { version }), 'another base still renders right');
        assert.equal(VastRenderer.of(inv, ctx.baseUrl).renderBody(shape, version, { ...bytesCtx, baseUrl: 'http://other.example' }).toString('utf8'), VastRenderer.of(inv).render(shape, version, { ...ctx, baseUrl: 'http://other.example' }), 'bytes with another base');
        assert.equal(new VastRenderer(inv).render(shape, version, ctx), served(shape, version), 'the string and the bytes are the same document');
        assert.equal(new VastRenderer(inv).renderBody(shape, version, ctx).toString('utf8'), served(shape, version), 'tags written from their strings or their bytes alike');
      }
    }
  });

  test('a decision served again (a shared plan: the same ads array) is written from its pod layout, exactly as buildVast writes it', () => {
    const r = new VastRenderer(inv);
    // Sessions, times and decision ids of other lengths make other layouts; versions alternate.
    const contexts = [
      { session, timeMs: T0, decisionId: 'dec-42' },
      { session: 'anon-0123456789abcdef', timeMs: T0 + 1, decisionId: '0123456789abcdef' },
      { session: 's', timeMs: 7, decisionId: 'd' },
    ];
    for (let round = 0; round < 4; round++) {
      for (const [name, shape] of Object.entries(SHAPES)) {
        for (const version of ['4.2', '3.0'] as const) {
          for (const c of contexts) {
            const signed = signer.forDecision(c.session, c.timeMs);
            const urls: UrlContext = { baseUrl: ctx.baseUrl, sessionParam: encodeURIComponent(c.session), timeParam: String(c.timeMs), decisionId: c.decisionId, tags: (adId) => signer.signAll(adId, c.session, c.timeMs) };
            const body = r.renderBody(shape, version, { ...urls, podTagBytes: (ids) => signed.podTagBytes(ids) }, round % 2 === 0);
            assert.equal(body.toString('utf8'), buildVast(vastDocument(shape, urls, version), { version }), `${name} @ ${version}, round ${round}, session ${c.session}`);
            r.release(body);
          }
        }
      }
    }
  });

  for (const version of VERSIONS) {
    test(`validates against the IAB schema (${XSD_FOR_VERSION[version]}) for every pod shape @ ${version}`, { skip: xmllintSkip() }, () => {
      const names = Object.keys(SHAPES);
      const results = validateMany(names.map((n) => served(SHAPES[n]!, version)), XSD_FOR_VERSION[version]!);
      assert.deepEqual(Object.fromEntries(names.map((n, i) => [n, results[i]])), Object.fromEntries(names.map((n) => [n, []])));
    });
  }

  test('hostile titles come out as harmless text and read back unchanged', () => {
    const xml = served(SHAPES['hostile title and advertiser']!, '4.2');
    assert.ok(!xml.includes('<script>') && !xml.includes('<b>') && !xml.includes('<![CDATA['));
    const parsed = parseVast(xml);
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.value?.ads[0]?.adTitle, HOSTILE.replace('\u0007', '\uFFFD'));
    assert.equal(parsed.value?.ads[0]?.advertiser, '<b>Evil & Co</b>');
  });

  test('tracking URLs carry the signed fields; the error URL keeps [ERRORCODE]', () => {
    const xml = served(SHAPES.single!, '4.2');
    const ad = parseVast(xml).value!.ads[0]!;
    const imp = new URL(ad.impressions[0]!.url);
    assert.equal(imp.pathname, '/ads/track/impression');
    assert.deepEqual([imp.searchParams.get('ad'), imp.searchParams.get('s'), imp.searchParams.get('t')], [ad.id, session, String(T0)]);
    assert.equal(signer.verify(ad.id!, session, 'impression', T0, imp.searchParams.get('sig')!), true);
    assert.match(ad.errors[0]!, /\/ads\/track\/error\?.*&code=\[ERRORCODE\]$/);
    const linear = ad.creatives[0]!.linear!;
    assert.deepEqual(
      linear.trackingEvents.map((t) => t.event),
      ['start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete', 'pause', 'resume', 'skip', 'progress'],
    );
    assert.equal(linear.trackingEvents.at(-1)?.offsetMs, 2000);
    assert.deepEqual(linear.mediaFiles[0], { id: 'cr-10', url: 'https://ads.example.com/ads/creatives/cr-10.mp4', delivery: 'progressive', type: 'video/mp4', width: 1280, height: 720, bitrate: 1800, codec: 'avc1.4D401F,mp4a.40.2' });
    assert.equal(linear.mezzanine[0]?.fileSize, 4_000_000);
    assert.equal(linear.videoClicks.clickThrough, undefined, 'this ad has no click-through');
    assert.deepEqual(ad.creatives[0]!.universalAdIds, [{ idRegistry: 'adsplice', value: ad.id }]);
  });
});

interface DmAd {
  id: string | null;
  sequence: string | null;
  title: string | null;
  impressionURLTemplates: { url: string }[];
  errorURLTemplates: string[];
  creatives: { type: string; duration?: number; trackingEvents: Record<string, string[]>; videoClickThroughURLTemplate?: { url: string } | null; videoClickTrackingURLTemplates?: { url: string }[]; mediaFiles?: { fileURL: string; width: number; height: number; bitrate: number; mimeType: string }[]; mezzanine?: { fileURL: string } | null }[];
}

describe('@dailymotion/vast-client reads the same ads and tracking back', () => {
  for (const version of VERSIONS) {
    test(`every shape @ ${version}`, async () => {
      for (const [name, shape] of Object.entries(SHAPES)) {
        const doc = new DOMParser({ onError: (level: string, message: string) => assert.equal(level, 'warning', message) }).parseFromString(served(shape, version), 'text/xml');
        const res = (await new VASTParser().parseVAST(doc as never)) as { ads: DmAd[]; version: string };
        assert.equal(res.version, version);
        const model = vastDocument(shape, ctx, version);
        assert.deepEqual(
          res.ads.map((a) => [a.id, a.sequence === null ? undefined : Number(a.sequence), a.title]),
          model.ads.map((a) => [a.id, version === '2.0' ? undefined : a.sequence, a.adTitle?.replace('\u0007', '\uFFFD')]),
          name,
        );
        res.ads.forEach((theirs, i) => {
          const ours = model.ads[i]!;
          const linear = ours.creatives[0]!.linear!;
          const their = theirs.creatives.find((c) => c.type === 'linear')!;
          assert.deepEqual(theirs.impressionURLTemplates.map((u) => u.url), ours.impressions.map((u) => u.url));
          assert.deepEqual(theirs.errorURLTemplates, ours.errors);
          const expected: Record<string, string[]> = {};
          for (const t of linear.trackingEvents) {
            if (version === '2.0' && (t.event === 'skip' || t.event === 'progress')) continue;
            expected[t.event === 'progress' ? `progress-${t.offsetMs! / 1000}` : t.event] = [t.url];
          }
          assert.deepEqual(their.trackingEvents, expected, `${name} ad ${i} tracking`);
          assert.equal(their.duration, linear.durationMs! / 1000);
          assert.equal(their.videoClickThroughURLTemplate?.url, linear.videoClicks.clickThrough?.url);
          assert.deepEqual(their.videoClickTrackingURLTemplates?.map((u) => u.url), linear.videoClicks.clickTracking.map((u) => u.url));
          assert.deepEqual(their.mediaFiles?.map((m) => [m.fileURL, m.mimeType, m.width, m.height, m.bitrate]), linear.mediaFiles.map((m) => [m.url, m.type, m.width, m.height, m.bitrate]));
          if (version === '4.2' || version === '4.1') assert.equal(their.mezzanine?.fileURL, linear.mezzanine[0]!.url);
        });
      }
    });
  }
});

test('each ad carries a tag for every beacon event', () => {
  assert.equal(signer.signAll('x', 'y', 1).length, BEACON_EVENTS.length);
});
