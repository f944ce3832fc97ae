import { deepStrictEqual, doesNotMatch, equal, match, ok } from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildVast } from './build.ts';
import type { VastAd, VastCreative, VastDocument } from './model.ts';
import { parseVast } from './parse.ts';
import { HOSTILE_TITLE, kitchenSinkAd, linearAd } from './testing/pods.ts';

function miniDoc(): VastDocument {
  return {
    version: '4.2',
    errors: [],
    ads: [
      {
        id: 'a1',
        sequence: 1,
        kind: 'inline',
        adSystem: { name: 'adsplice' },
        adTitle: 'Tom & Jerry',
        adServingId: 's1',
        categories: [],
        impressions: [{ url: 'https://t/imp?x=1&y=[CACHEBUSTING]' }],
        errors: ['https://t/err?c=[ERRORCODE]', 'https://t/err2'],
        adVerifications: [],
        extensions: [],
        creatives: [
          {
            id: 'c1',
            universalAdIds: [{ idRegistry: 'ad-id.org', value: 'ABCD0001000H' }],
            creativeExtensions: [],
            linear: {
              durationMs: 30000,
              skipOffset: { ms: 5000 },
              mediaFiles: [{ url: 'https://cdn/a.mp4', delivery: 'progressive', type: 'video/mp4', width: 1280, height: 720, bitrate: 2500, codec: 'avc1.64001f' }],
              mezzanine: [{ url: 'https://cdn/m.mov', delivery: 'progressive', type: 'video/quicktime', width: 1920, height: 1080 }],
              interactiveCreativeFiles: [],
              closedCaptionFiles: [],
              trackingEvents: [
                { event: 'start', url: 'https://t/start' },
                { event: 'progress', url: 'https://t/p5', offsetMs: 5000 },
              ],
              videoClicks: { clickThrough: { url: 'https://adv/landing' }, clickTracking: [{ url: 'https://t/click' }], customClick: [] },
              icons: [],
            },
          },
        ],
      },
    ],
  };
}

describe('buildVast: golden output', () => {
  test('VAST 4.2 (the default): namespace, schema order, UniversalAdId last, Mezzanine with attributes', () => {
    equal(
      buildVast(miniDoc()),
      `<?xml version="1.0" encoding="UTF-8"?>
<VAST version="4.2" xmlns="http://www.iab.com/VAST">
  <Ad id="a1" sequence="1">
    <InLine>
      <AdSystem>adsplice</AdSystem>
      <Error>https://t/err?c=[ERRORCODE]</Error>
      <Error>https://t/err2</Error>
      <Impression>https://t/imp?x=1&amp;y=[CACHEBUSTING]</Impression>
      <AdServingId>s1</AdServingId>
      <AdTitle>Tom &amp; Jerry</AdTitle>
      <Creatives>
        <Creative id="c1">
          <Linear skipoffset="00:00:05.000">
            <TrackingEvents>
              <Tracking event="start">https://t/start</Tracking>
              <Tracking event="progress" offset="00:00:05.000">https://t/p5</Tracking>
            </TrackingEvents>
            <Duration>00:00:30.000</Duration>
            <MediaFiles>
              <MediaFile delivery="progressive" type="video/mp4" width="1280" height="720" codec="avc1.64001f" bitrate="2500">https://cdn/a.mp4</MediaFile>
              <Mezzanine delivery="progressive" type="video/quicktime" width="1920" height="1080">https://cdn/m.mov</Mezzanine>
            </MediaFiles>
            <VideoClicks>
              <ClickTracking>https://t/click</ClickTracking>
              <ClickThrough>https://adv/landing</ClickThrough>
            </VideoClicks>
          </Linear>
          <UniversalAdId idRegistry="ad-id.org">ABCD0001000H</UniversalAdId>
        </Creative>
      </Creatives>
    </InLine>
  </Ad>
</VAST>
`,
    );
  });

  test('VAST 2.0: no namespace, no sequence, one Error, no Mezzanine/UniversalAdId/skipoffset/progress/codec', () => {
    equal(
      buildVast(miniDoc(), { version: '2.0' }),
      `<?xml version="1.0" encoding="UTF-8"?>
<VAST version="2.0">
  <Ad id="a1">
    <InLine>
      <AdSystem>adsplice</AdSystem>
      <AdTitle>Tom &amp; Jerry</AdTitle>
      <Error>https://t/err?c=[ERRORCODE]</Error>
      <Impression>https://t/imp?x=1&amp;y=[CACHEBUSTING]</Impression>
      <Creatives>
        <Creative id="c1">
          <Linear>
            <Duration>00:00:30.000</Duration>
            <TrackingEvents>
              <Tracking event="start">https://t/start</Tracking>
            </TrackingEvents>
            <VideoClicks>
              <ClickThrough>https://adv/landing</ClickThrough>
              <ClickTracking>https://t/click</ClickTracking>
            </VideoClicks>
            <MediaFiles>
              <MediaFile delivery="progressive" type="video/mp4" width="1280" height="720" bitrate="2500">https://cdn/a.mp4</MediaFile>
            </MediaFiles>
          </Linear>
        </Creative>
      </Creatives>
    </InLine>
  </Ad>
</VAST>
`,
    );
  });

  test('VAST 4.0: bare Mezzanine, UniversalAdId with idValue, no AdServingId; 4.1: AdServingId; 4.3: the 4.2 structure', () => {
    const v40 = buildVast(miniDoc(), { version: '4.0' });
    match(v40, /<Mezzanine>https:\/\/cdn\/m\.mov<\/Mezzanine>/);
    match(v40, /<UniversalAdId idRegistry="ad-id.org" idValue="ABCD0001000H">ABCD0001000H<\/UniversalAdId>/);
    doesNotMatch(v40, /AdServingId/);
    match(buildVast(miniDoc(), { version: '4.1' }), /<AdServingId>s1<\/AdServingId>/);
    equal(buildVast(miniDoc(), { version: '4.3' }), buildVast(miniDoc(), { version: '4.2' }).replace('version="4.2"', 'version="4.3"'));
  });

  test('VAST 3.0: Creative attribute AdID, lower-case pricing model, one Error, no root Error in 2.0', () => {
    const ad = { ...linearAd(1), pricing: { model: 'CPM', currency: 'USD', value: '2.5' } };
    const v30 = buildVast({ version: '4.2', errors: [], ads: [ad] }, { version: '3.0' });
    match(v30, /<Creative id="creative-1" sequence="1" AdID="ADID-1">/);
    match(v30, /<Pricing model="cpm" currency="USD">2.5<\/Pricing>/);
    const empty: VastDocument = { version: '4.2', ads: [], errors: ['https://e/[ERRORCODE]'] };
    equal(buildVast(empty, { version: '3.0' }), '<?xml version="1.0" encoding="UTF-8"?>\n<VAST version="3.0">\n  <Error>https://e/[ERRORCODE]</Error>\n</VAST>\n');
    equal(buildVast(empty, { version: '2.0' }), '<?xml version="1.0" encoding="UTF-8"?>\n<VAST version="2.0">\n</VAST>\n');
  });
});

describe('buildVast: escaping', () => {
  test('a hostile title comes out as harmless text and parses back unchanged', () => {
    for (const version of ['4.2', '3.0', '2.0'] as const) {
      const xml = buildVast({ version: '4.2', errors: [], ads: [linearAd(1, { title: HOSTILE_TITLE })] }, { version });
      doesNotMatch(xml, /<script>/);
      doesNotMatch(xml, /\]\]>/);
      doesNotMatch(xml, /<!\[CDATA\[/);
      match(xml, /<AdTitle>Sale \]\]&gt;&lt;script&gt;alert\("x"\)&lt;\/script&gt; &amp; &lt;!\[CDATA\[more\]\]&gt; 'now'<\/AdTitle>/);
      equal(parseVast(xml).value?.ads[0]?.adTitle, HOSTILE_TITLE);
    }
  });

  test('attributes escape quotes, ampersands, angle brackets, tabs and newlines', () => {
    const ad = linearAd(1);
    ad.id = 'a"b&c<d>\te\nf';
    const xml = buildVast({ version: '4.2', errors: [], ads: [ad] });
    match(xml, /<Ad id="a&quot;b&amp;c&lt;d&gt;&#9;e&#10;f">/);
    equal(parseVast(xml).value?.ads[0]?.id, 'a"b&c<d>\te\nf');
  });

  test('characters XML forbids become U+FFFD instead of breaking the document', () => {
    const xml = buildVast({ version: '4.2', errors: [], ads: [linearAd(1, { title: 'bell\u0007 nul\u0000 lone\uD800 ok\u{1F600}' })] });
    equal(parseVast(xml).value?.ads[0]?.adTitle, 'bell\uFFFD nul\uFFFD lone\uFFFD ok\u{1F600}');
  });

  test('raw extension XML is copied when well-formed, and escaped when it could close the elements around it', () => {
    const ad = linearAd(1);
    ad.extensions = [
      { type: 'ok', xml: '<A b="1"><![CDATA[x]]></A><!-- c --><B/>' },
      { type: 'inject', xml: '</Extension></Extensions><Error>https://evil/</Error><Extensions><Extension>' },
      { type: 'entity', xml: '<A>&nbsp;</A>' },
    ];
    const xml = buildVast({ version: '4.2', errors: [], ads: [ad] });
    match(xml, /<Extension type="ok"><A b="1"><!\[CDATA\[x\]\]><\/A><!-- c --><B\/><\/Extension>/);
    match(xml, /<Extension type="inject">&lt;\/Extension&gt;&lt;\/Extensions&gt;&lt;Error&gt;/);
    const back = parseVast(xml).value?.ads[0];
    deepStrictEqual(back?.errors, ad.errors, 'no Error was injected');
    deepStrictEqual(
      back?.extensions.map((e) => e.type),
      ['ok', 'inject', 'entity'],
    );
    equal(back?.extensions[0]?.xml, '<A b="1"><![CDATA[x]]></A><!-- c --><B/>');
  });
});

describe('buildVast: what each version lacks is left out', () => {
  const sink: VastDocument = { version: '4.2', errors: [], ads: [kitchenSinkAd()] };

  test('4.2 keeps every part of the model', () => {
    deepStrictEqual(parseVast(buildVast(sink)).value, sink);
  });

  test('2.0 and 3.0 split a creative with several parts into one <Creative> per part', () => {
    const ad = linearAd(1);
    const both: VastCreative = { ...(kitchenSinkAd().creatives[1] as VastCreative), linear: ad.creatives[0]?.linear };
    ad.creatives = [both];
    for (const version of ['2.0', '3.0'] as const) {
      const back = parseVast(buildVast({ version: '4.2', errors: [], ads: [ad] }, { version })).value?.ads[0];
      deepStrictEqual(
        back?.creatives.map((c) => [c.id, c.linear !== undefined, c.companionAds !== undefined]),
        [
          ['companions-9', true, false],
          ['companions-9', false, true],
        ],
      );
    }
  });

  test('tracking events are renamed between VAST 3 and 4, and dropped where a version has no such event', () => {
    const ad = linearAd(1);
    const l = ad.creatives[0]?.linear;
    if (!l) throw new Error('linear');
    l.trackingEvents = ['fullscreen', 'playerCollapse', 'loaded', 'interactiveStart', 'closeLinear', 'acceptInvitationLinear', 'madeUp'].map((event) => ({ event, url: `https://t/${event}` }));
    const events = (version: '4.2' | '4.1' | '4.0' | '3.0' | '2.0'): string[] =>
      parseVast(buildVast({ version: '4.2', errors: [], ads: [ad] }, { version })).value?.ads[0]?.creatives[0]?.linear?.trackingEvents.map((e) => e.event) ?? [];
    deepStrictEqual(events('4.2'), ['playerExpand', 'playerCollapse', 'loaded', 'interactiveStart', 'closeLinear']);
    deepStrictEqual(events('4.1'), ['playerExpand', 'playerCollapse', 'loaded', 'closeLinear']);
    deepStrictEqual(events('4.0'), ['playerExpand', 'playerCollapse', 'acceptInvitationLinear']);
    deepStrictEqual(events('3.0'), ['fullscreen', 'exitFullscreen', 'closeLinear', 'acceptInvitationLinear']);
    deepStrictEqual(events('2.0'), ['fullscreen']);
  });

  test('Pricing the schema would reject is left out', () => {
    const priced = (model: string, currency: string, value: string): boolean => {
      const ad: VastAd = { ...linearAd(1), pricing: { model, currency, value } };
      return buildVast({ version: '4.2', errors: [], ads: [ad] }).includes('<Pricing');
    };
    ok(priced('cpm', 'USD', '1.00'));
    ok(!priced('flat', 'USD', '1.00'));
    ok(!priced('cpm', 'US', '1.00'));
    ok(!priced('cpm', 'USD', 'free'));
  });

  test('an ad without impressions gets one empty <Impression> (required), which parses back to none', () => {
    const ad: VastAd = { ...linearAd(1), impressions: [] };
    const xml = buildVast({ version: '4.2', errors: [], ads: [ad] });
    match(xml, /<Impression\/>/);
    deepStrictEqual(parseVast(xml).value?.ads[0]?.impressions, []);
  });

  test('root Errors are written only when there are no ads (the 4.x schema allows Ads or Errors)', () => {
    const xml = buildVast({ version: '4.2', errors: ['https://e/'], ads: [linearAd(1)] });
    doesNotMatch(xml, /<Error>https:\/\/e\/<\/Error>/);
  });
});
