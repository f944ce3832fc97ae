// Component tests in a small DOM (happy-dom): forms say what is wrong in place, next to the field,
// before sending; an API refusal is shown in place too; the Overview's six cards and a FILLED_AVAIL
// plan render what they are given; the preview names the ad a fragment belongs to.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GlobalRegistrator } from '@happy-dom/global-registrator';
import { createElement, act, type ReactElement } from 'react';
import type { Root } from 'react-dom/client';

before(() => GlobalRegistrator.register({ url: 'http://127.0.0.1/' }));
after(() => GlobalRegistrator.unregister());
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function render(element: ReactElement): Promise<{ root: Root; container: HTMLElement }> {
  const { createRoot } = await import('react-dom/client');
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(element));
  return { root, container };
}

async function type(el: Element | null, value: string): Promise<void> {
  assert.ok(el, 'the field exists');
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

async function submit(form: Element | null): Promise<void> {
  assert.ok(form);
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

/** The error shown next to a field: its own element, linked with aria-describedby. */
function fieldError(container: HTMLElement, id: string): string | undefined {
  const input = container.querySelector(`#${id}`)!;
  const described = input.getAttribute('aria-describedby');
  return described ? (container.querySelector(`#${described}`)?.textContent ?? undefined) : undefined;
}

function stubFetch(handler: (url: string, init: RequestInit) => { status: number; body: unknown }): string[] {
  const calls: string[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push(`${init.method ?? 'GET'} ${url}`);
    const r = handler(url, init);
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return calls;
}

test('sign-in: a short token is refused in place without a request; a revoked one says so', async () => {
  const { SignIn } = await import('./App.tsx');
  const calls = stubFetch(() => ({ status: 401, body: { code: 'UNAUTHORIZED', message: 'bad token', statusCode: 401 } }));
  let signedIn = false;
  const { root, container } = await render(createElement(SignIn, { onSignedIn: () => (signedIn = true) }));
  await type(container.querySelector('#f-token'), 'short');
  await submit(container.querySelector('form'));
  assert.equal(fieldError(container, 'f-token'), 'A token is at least 16 characters.');
  assert.equal(container.querySelector('#f-token')!.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(calls, []);
  await type(container.querySelector('#f-token'), 'ads_revoked_token_0123456789');
  await submit(container.querySelector('form'));
  await act(async () => new Promise((r) => setTimeout(r, 10)));
  assert.deepEqual(calls, ['GET /api/analytics/overview']);
  assert.equal(fieldError(container, 'f-token'), 'This token is not valid (or was revoked).');
  assert.equal(signedIn, false);
  assert.equal(localStorage.getItem('adsplice.token'), null);
  await act(async () => root.unmount());
});

test('schedule form: every bad field is named next to it; the API refusal shows in place; a good one posts UTC', async () => {
  const { ScheduleFormView } = await import('./pages/Schedules.tsx');
  const now = Date.parse('2026-03-02T10:00:00.000Z');
  let answer: { status: number; body: unknown } = { status: 409, body: { code: 'SCHEDULE_OVERLAP', message: 'The break overlaps another break', statusCode: 409 } };
  const bodies: unknown[] = [];
  const calls = stubFetch((_url, init) => {
    bodies.push(JSON.parse(String(init.body)));
    return answer;
  });
  let created = 0;
  const { root, container } = await render(createElement(ScheduleFormView, { channels: ['demo'], onCreated: () => created++, now: () => now }));
  await type(container.querySelector('#f-start'), '');
  await type(container.querySelector('#f-durationSeconds'), '0');
  await submit(container.querySelector('form'));
  assert.equal(fieldError(container, 'f-start'), 'Give the start as a date and time.');
  assert.equal(fieldError(container, 'f-durationSeconds'), 'Duration: whole seconds from 1 to 3600.');
  assert.deepEqual(calls, []);

  const start = new Date(now + 90_000);
  const local = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}T${String(start.getHours()).padStart(2, '0')}:${String(start.getMinutes()).padStart(2, '0')}:${String(start.getSeconds()).padStart(2, '0')}`;
  await type(container.querySelector('#f-start'), local);
  await type(container.querySelector('#f-durationSeconds'), '30');
  await submit(container.querySelector('form'));
  await act(async () => new Promise((r) => setTimeout(r, 10)));
  assert.equal(fieldError(container, 'f-start'), undefined);
  assert.match(container.querySelector('[role=alert]')!.textContent!, /overlaps another break \(SCHEDULE_OVERLAP\)/);
  assert.deepEqual(bodies[0], { channelId: 'demo', startTime: '2026-03-02T10:01:30.000Z', durationSeconds: 30 });
  assert.equal(created, 0);

  answer = { status: 201, body: { id: 's1' } };
  await submit(container.querySelector('form'));
  await act(async () => new Promise((r) => setTimeout(r, 10)));
  assert.equal(created, 1);
  assert.equal(container.querySelector('[role=alert]'), null);
  await act(async () => root.unmount());
});

test('campaign form: the targeting editor explains a bad rule while typing and blocks saving', async () => {
  const { CampaignFormView } = await import('./pages/Ads.tsx');
  const calls = stubFetch(() => ({ status: 201, body: {} }));
  let saved = 0;
  const { root, container } = await render(createElement(CampaignFormView, { advertisers: [{ id: 'adv', name: 'Advertiser' }], onSaved: () => saved++ }));
  await type(container.querySelector('#f-targeting'), '{"key": "age", "min": 40, "max": 30}');
  assert.equal(container.querySelector('#f-targeting-error')!.textContent, 'Targeting $: min is above max.');
  await submit(container.querySelector('form'));
  assert.equal(fieldError(container, 'f-name'), 'Name: 1 to 200 characters.');
  assert.deepEqual(calls, []);
  await type(container.querySelector('#f-name'), 'Spring');
  await type(container.querySelector('#f-targeting'), '{"key": "channel", "in": ["demo"]}');
  await submit(container.querySelector('form'));
  await act(async () => new Promise((r) => setTimeout(r, 10)));
  assert.deepEqual(calls, ['POST /api/ads/campaigns']);
  assert.equal(saved, 1);
  await act(async () => root.unmount());
});

test('ad form: editing an ad sends a PUT of its fields (not its campaign); a bad weight is refused in place', async () => {
  const { AdFormView } = await import('./pages/Ads.tsx');
  const calls = stubFetch(() => ({ status: 200, body: {} }));
  let saved = 0;
  const ad = { id: 'ad-1', campaignId: 'camp', title: 'Spring', creativeId: 'cr', active: true, weight: 100, durationMs: 15_000 };
  const { root, container } = await render(
    createElement(AdFormView, { campaigns: [{ id: 'camp', advertiserId: 'adv', name: 'Camp', active: true, priority: 2, weight: 100, startAt: null, endAt: null, targeting: null } as never], creatives: [{ id: 'cr', name: 'cr.mp4', durationMs: 15_000, width: 640, height: 360 }], editing: ad, onSaved: () => saved++, onUploaded: () => undefined }),
  );
  assert.equal(container.querySelector('h3')!.textContent, 'Edit Spring');
  assert.equal((container.querySelector('#f-campaignId') as HTMLSelectElement).disabled, true);
  await type(container.querySelector('#f-weight'), '0');
  await submit(container.querySelector('form'));
  assert.ok(fieldError(container, 'f-weight'));
  assert.deepEqual(calls, []);
  await type(container.querySelector('#f-weight'), '250');
  await type(container.querySelector('#f-title'), 'Spring sale');
  await submit(container.querySelector('form'));
  await act(async () => new Promise((r) => setTimeout(r, 10)));
  assert.deepEqual(calls, ['PUT /api/ads/ads/ad-1']);
  assert.equal(saved, 1);
  await act(async () => root.unmount());
});

test('overview: the six cards, and the schedule fallback says what the fill rate is', async () => {
  const { Cards } = await import('./pages/Overview.tsx');
  const base = { from: '', to: '', adsDecided: 3, adsFilled: 4, adsReturned: 6, adsErrors: 1, avails: 2, availSeconds: 60, filledSeconds: 50, adFillRate: 4 / 6, filledAvailsToday: 2, liveSessions: 1, nextBreak: { channelId: 'demo', startTime: '2026-03-02T10:00:30.000Z', durationSeconds: 30, status: 'scheduled' } };
  const now = Date.parse('2026-03-02T10:00:00.000Z');
  const { root, container } = await render(createElement(Cards, { o: { ...base, source: 'events', note: null, exposedAds: 4, adsRequests: 2, fillRate: 50 / 60 }, now }));
  const cards = [...container.querySelectorAll('.card')].map((c) => [c.querySelector('h3')!.textContent, c.querySelector('.value')!.textContent]);
  assert.deepEqual(cards, [
    ['Exposed ads', '4'],
    ['ADS requests', '2'],
    ['Fill rate', '83.3 %'],
    ['Filled avails today', '2'],
    ['Live sessions', '1'],
    ['Next break', 'in 30 s'],
  ]);
  await act(async () => root.render(createElement(Cards, { o: { ...base, source: 'schedules', note: 'n', exposedAds: 0, adsRequests: 0, fillRate: 0.5, nextBreak: null }, now })));
  assert.equal(container.querySelector('[data-card=fill] h3')!.textContent, 'Fill rate (schedules)');
  assert.equal(container.querySelector('[data-card=next] .value')!.textContent, 'none');
  await act(async () => root.unmount());
});

test('events: a FILLED_AVAIL plan reads at a glance (ads, slate, skipped and why)', async () => {
  const { AvailPlan } = await import('./pages/Events.tsx');
  const { root, container } = await render(
    createElement(AvailPlan, {
      a: { originAvailDuration: 30, filledDuration: 25, fillRate: 25 / 30, numAds: 2, mode: 'ads', creativeAds: [{ adId: 'spot-a', creativeId: 'c1', duration: 15 }, { adId: 'spot-b', creativeId: 'c2', duration: 10 }], skippedAds: [{ adId: 'spot-c', skippedReason: 'NOT_CONDITIONED' }], slateAd: { duration: 5 }, adsError: null },
    }),
  );
  assert.deepEqual([...container.querySelectorAll('.seg')].map((s) => s.textContent), ['spot-a 15s', 'spot-b 10s', 'slate 5s']);
  assert.equal(container.querySelector('.plan-bar')!.getAttribute('aria-label'), '25 of 30 s filled with 2 ads');
  assert.match(container.querySelector('.plan p')!.textContent!, /skipped: spot-c \(NOT_CONDITIONED\)/);
  await act(async () => root.unmount());
});

test('preview: a fragment URL is the programme, an ad of the plan (which one), or slate', async () => {
  const { playingOf } = await import('./now-playing.ts');
  const detail = { avails: [{ key: '120-7', ads: [{ adId: 'spot-a', adTitle: 'Spring spot', durationMs: 15_000 }, { adId: 'spot-b', durationMs: 10_000 }], items: [{ kind: 'ad' as const, adIndex: 0 }, { kind: 'ad' as const, adIndex: 1 }, { kind: 'slate' as const }] }] };
  assert.deepEqual(playingOf('http://h/origin/demo/720p/00012.ts', detail), { kind: 'programme' });
  assert.deepEqual(playingOf('http://h/v1/segment/demo/s1/120-7/0/1/3.ts', detail), { kind: 'ad', adId: 'spot-a', title: 'Spring spot', index: 1, of: 2 });
  assert.deepEqual(playingOf('http://h/v1/segment/demo/s1/120-7/1/1/0.ts', detail), { kind: 'ad', adId: 'spot-b', title: 'spot-b', index: 2, of: 2 });
  assert.deepEqual(playingOf('http://h/v1/segment/demo/s1/120-7/2/1/0.ts', detail), { kind: 'slate' });
});
