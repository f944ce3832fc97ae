// Ads and campaigns: campaigns (create, edit, deactivate, targeting rules), ads (create with an
// uploaded creative, edit, deactivate) and A/B experiments with each variant's results.
/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { useState } from 'react';
import { api, upload } from '../api.ts';
import { parseTargeting, validateAd, validateCampaign, validateExperiment, type AdForm, type CampaignForm, type Errors, type ExperimentForm } from '../validate.ts';
import { bind, ErrorBanner, Field, fmt, usePoll } from '../ui.tsx';

interface Advertiser { id: string; name: string }
interface Campaign { id: string; advertiserId: string; name: string; active: boolean; priority: number; weight: number; startAt: string; endAt: string | null; targeting: unknown }
interface Ad { id: string; campaignId: string; title: string; creativeId: string; active: boolean; weight: number; durationMs: number; clickThrough?: string | null }
interface Creative { id: string; name: string; durationMs: number; width: number; height: number }
interface Experiment { id: string; name: string; active: boolean; variants: { name: string; weight: number; campaignIds?: string[] }[] }
interface List<T> { items: T[] }
interface BreakdownRow { key: string | null; exposedAds: number; placedAds: number; filledSeconds: number; decidedAds: number; sessions: number }

const TARGETING_EXAMPLE = '{ "all": [ { "key": "channel", "in": ["demo"] }, { "not": { "key": "genre", "in": ["kids"] } } ] }';

export function TargetingEditor(props: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const live = parseTargeting(props.value);
  return (
    <Field label="Targeting rules (JSON; empty = everyone)" name="targeting" error={props.error ?? live.error} hint="all / any / not, { key, in | min,max | prefix | exists }, { daypart }">
      <textarea id="f-targeting" name="targeting" rows={4} spellCheck={false} value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-invalid={live.error ? true : undefined} />
      <div className="row">
        <button type="button" className="link" onClick={() => props.onChange(TARGETING_EXAMPLE)}>Example: channel demo, not kids</button>
        {!live.error && props.value.trim() !== '' ? (
          <button type="button" className="link" onClick={() => props.onChange(JSON.stringify(live.value, null, 2))}>Format</button>
        ) : null}
      </div>
    </Field>
  );
}

export function CampaignFormView(props: { advertisers: Advertiser[]; editing?: Campaign | undefined; onSaved: () => void; onCancel?: () => void }) {
  const c = props.editing;
  const [form, setForm] = useState<CampaignForm>({
    advertiserId: c?.advertiserId ?? props.advertisers[0]?.id ?? '',
    name: c?.name ?? '',
    priority: String(c?.priority ?? 2),
    weight: String(c?.weight ?? 100),
    startAt: c?.startAt ?? '',
    endAt: c?.endAt ?? '',
    targeting: c?.targeting ? JSON.stringify(c.targeting) : '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [apiError, setApiError] = useState<unknown>();
  const submit = async () => {
    const e = validateCampaign(form);
    setErrors(e);
    setApiError(undefined);
    if (Object.keys(e).length > 0) return;
    const body = {
      name: form.name.trim(),
      priority: Number(form.priority),
      weight: Number(form.weight),
      ...(form.startAt.trim() ? { startAt: new Date(Date.parse(form.startAt)).toISOString() } : {}),
      endAt: form.endAt.trim() ? new Date(Date.parse(form.endAt)).toISOString() : null,
      targeting: parseTargeting(form.targeting).value,
    };
    try {
      if (c) await api('PUT', `/api/ads/campaigns/${encodeURIComponent(c.id)}`, body);
      else await api('POST', '/api/ads/campaigns', { ...body, advertiserId: form.advertiserId });
      props.onSaved();
    } catch (err) {
      setApiError(err);
    }
  };
  return (
    <form className="form" aria-label={c ? `Edit campaign ${c.name}` : 'New campaign'} noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{c ? `Edit ${c.name}` : 'New campaign'}</h3>
      <Field label="Advertiser" name="advertiserId" error={errors.advertiserId}>
        <select {...bind(form, setForm, 'advertiserId', errors)} disabled={!!c}>
          {props.advertisers.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
      </Field>
      <Field label="Name" name="name" error={errors.name}>
        <input {...bind(form, setForm, 'name', errors)} />
      </Field>
      <div className="row">
        <Field label="Priority (1 sponsorship … 5 house)" name="priority" error={errors.priority}>
          <input inputMode="numeric" {...bind(form, setForm, 'priority', errors)} />
        </Field>
        <Field label="Weight" name="weight" error={errors.weight}>
          <input inputMode="numeric" {...bind(form, setForm, 'weight', errors)} />
        </Field>
      </div>
      <div className="row">
        <Field label="Start (empty: now)" name="startAt" error={errors.startAt}>
          <input placeholder="2026-01-01T00:00:00Z" {...bind(form, setForm, 'startAt', errors)} />
        </Field>
        <Field label="End (empty: none)" name="endAt" error={errors.endAt}>
          <input placeholder="2026-12-31T00:00:00Z" {...bind(form, setForm, 'endAt', errors)} />
        </Field>
      </div>
      <TargetingEditor value={form.targeting} onChange={(v) => setForm({ ...form, targeting: v })} error={errors.targeting} />
      <ErrorBanner error={apiError} />
      <div className="row">
        <button type="submit">{c ? 'Save campaign' : 'Create campaign'}</button>
        {props.onCancel ? <button type="button" onClick={props.onCancel}>Cancel</button> : null}
      </div>
    </form>
  );
}

export function AdvertiserFormView(props: { onSaved: () => void }) {
  const [form, setForm] = useState({ advName: '', advDomain: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [apiError, setApiError] = useState<unknown>();
  const submit = async () => {
    const e: Errors = {};
    if (form.advName.trim() === '' || form.advName.length > 200) e.advName = 'Name: 1 to 200 characters.';
    if (form.advDomain.trim() !== '' && !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(form.advDomain.trim())) e.advDomain = 'Domain: like example.com, or empty.';
    setErrors(e);
    setApiError(undefined);
    if (Object.keys(e).length > 0) return;
    try {
      await api('POST', '/api/ads/advertisers', { name: form.advName.trim(), ...(form.advDomain.trim() ? { domain: form.advDomain.trim() } : {}) });
      setForm({ advName: '', advDomain: '' });
      props.onSaved();
    } catch (err) {
      setApiError(err);
    }
  };
  return (
    <form className="form" aria-label="New advertiser" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>New advertiser</h3>
      <div className="row">
        <Field label="Name" name="advName" error={errors.advName}>
          <input {...bind(form, setForm, 'advName', errors)} />
        </Field>
        <Field label="Domain" name="advDomain" error={errors.advDomain}>
          <input placeholder="example.com" {...bind(form, setForm, 'advDomain', errors)} />
        </Field>
      </div>
      <ErrorBanner error={apiError} />
      <button type="submit">Add advertiser</button>
    </form>
  );
}

/** Follows the stitcher's conditioning of an uploaded creative through its events (CONDITIONING_DONE / ERROR_CONDITIONING). */
async function watchConditioning(creativeId: string, say: (text: string) => void): Promise<void> {
  const media = `/ads/creatives/${encodeURIComponent(creativeId)}.mp4`;
  const since = new Date(Date.now() - 60_000).toISOString();
  for (let i = 0; i < 90; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const [done, failed] = await Promise.all(
      ['CONDITIONING_DONE', 'ERROR_CONDITIONING'].map((type) =>
        api<{ items: { adMezzanineUrl?: string; tookMs?: number; message?: string }[] }>('GET', `/api/stitcher/events?type=${type}&since=${encodeURIComponent(since)}&limit=200`).then(
          (r) => r.items.filter((e) => e.adMezzanineUrl?.endsWith(media)),
          () => [],
        ),
      ),
    );
    if (failed!.length > 0) return say(`Transcoding failed: ${failed![0]!.message ?? 'see Events'}.`);
    if (done!.length > 0) return say(`Transcoded for ${done!.length} rendition set(s)${done![0]!.tookMs ? ` in ${(done![0]!.tookMs / 1000).toFixed(1)} s` : ''}: ready for the next break.`);
    say(`Transcoding it into the channels' renditions… (${(i + 1) * 2} s)`);
  }
  say('Still transcoding; see Events (CONDITIONING_DONE) for when it is ready.');
}

export function AdFormView(props: { campaigns: Campaign[]; creatives: Creative[]; editing?: Ad | undefined; onSaved: () => void; onUploaded: () => void; onCancel?: (() => void) | undefined }) {
  const a = props.editing;
  const [form, setForm] = useState<AdForm>({ campaignId: a?.campaignId ?? props.campaigns[0]?.id ?? '', title: a?.title ?? '', creativeId: a?.creativeId ?? props.creatives[0]?.id ?? '', weight: String(a?.weight ?? 100), clickThrough: a?.clickThrough ?? '' });
  const [errors, setErrors] = useState<Errors>({});
  const [apiError, setApiError] = useState<unknown>();
  const [progress, setProgress] = useState<string>();
  const uploadFile = async (file: File) => {
    setApiError(undefined);
    const id = file.name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').slice(0, 60) || 'creative';
    try {
      setProgress('Uploading 0 %');
      const c = await upload<Creative>(`/api/ads/creatives?name=${encodeURIComponent(file.name)}&id=${encodeURIComponent(id)}`, file, (f) => setProgress(f < 1 ? `Uploading ${Math.round(f * 100)} %` : 'Checking the file (ffprobe)…'));
      const head = `Uploaded ${c.id}: ${c.width}×${c.height}, ${(c.durationMs / 1000).toFixed(1)} s.`;
      setProgress(`${head} Transcoding it into the channels' renditions…`);
      setForm((f) => ({ ...f, creativeId: c.id, title: f.title || file.name.replace(/\.[^.]*$/, '') }));
      props.onUploaded();
      void watchConditioning(c.id, (text) => setProgress(`${head} ${text}`));
    } catch (err) {
      setProgress(undefined);
      setApiError(err);
    }
  };
  const submit = async () => {
    const e = validateAd(form);
    setErrors(e);
    setApiError(undefined);
    if (Object.keys(e).length > 0) return;
    const body = { title: form.title.trim(), creativeId: form.creativeId, weight: Number(form.weight), ...(form.clickThrough.trim() ? { clickThrough: form.clickThrough.trim() } : {}) };
    try {
      // The campaign of an ad does not change: a PUT sends the rest.
      if (a) await api('PUT', `/api/ads/ads/${encodeURIComponent(a.id)}`, body);
      else await api('POST', '/api/ads/ads', { ...body, campaignId: form.campaignId });
      setForm({ ...form, title: '' });
      props.onSaved();
    } catch (err) {
      setApiError(err);
    }
  };
  return (
    <form className="form" aria-label={a ? `Edit ad ${a.title}` : 'New ad'} noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{a ? `Edit ${a.title}` : 'New ad'}</h3>
      <Field label="Upload a creative (MP4)" name="file" hint="H.264/HEVC/VP9/AV1 video, 1–300 s">
        <input id="f-file" type="file" accept="video/mp4" onChange={(e) => e.target.files?.[0] && void uploadFile(e.target.files[0])} />
      </Field>
      {progress ? <p className="banner ok" role="status" data-testid="upload-progress">{progress}</p> : null}
      <Field label="Creative" name="creativeId" error={errors.creativeId}>
        <select {...bind(form, setForm, 'creativeId', errors)}>
          <option value="">—</option>
          {props.creatives.map((c) => (
            <option key={c.id} value={c.id}>{c.id} ({(c.durationMs / 1000).toFixed(0)} s)</option>
          ))}
        </select>
      </Field>
      <Field label="Campaign" name="campaignId" error={errors.campaignId}>
        <select {...bind(form, setForm, 'campaignId', errors)} disabled={!!a}>
          {props.campaigns.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </Field>
      <Field label="Title" name="title" error={errors.title}>
        <input {...bind(form, setForm, 'title', errors)} />
      </Field>
      <div className="row">
        <Field label="Weight" name="weight" error={errors.weight}>
          <input inputMode="numeric" {...bind(form, setForm, 'weight', errors)} />
        </Field>
        <Field label="Click-through URL" name="clickThrough" error={errors.clickThrough}>
          <input type="url" {...bind(form, setForm, 'clickThrough', errors)} />
        </Field>
      </div>
      <ErrorBanner error={apiError} />
      <div className="row">
        <button type="submit">{a ? 'Save ad' : 'Create ad'}</button>
        {props.onCancel ? <button type="button" onClick={props.onCancel}>Cancel</button> : null}
      </div>
    </form>
  );
}

export function ExperimentFormView(props: { onSaved: () => void }) {
  const [form, setForm] = useState<ExperimentForm>({ name: '', variants: [{ name: 'A', weight: '50', campaignIds: '' }, { name: 'B', weight: '50', campaignIds: '' }] });
  const [errors, setErrors] = useState<Errors>({});
  const [apiError, setApiError] = useState<unknown>();
  const setVariant = (i: number, v: Partial<ExperimentForm['variants'][number]>) => setForm({ ...form, variants: form.variants.map((x, j) => (i === j ? { ...x, ...v } : x)) });
  const submit = async () => {
    const e = validateExperiment(form);
    setErrors(e);
    setApiError(undefined);
    if (Object.keys(e).length > 0) return;
    try {
      await api('POST', '/api/ads/experiments', {
        name: form.name.trim(),
        variants: form.variants.map((v) => ({ name: v.name.trim(), weight: Number(v.weight), ...(v.campaignIds.trim() ? { campaignIds: v.campaignIds.split(',').map((s) => s.trim()).filter(Boolean) } : {}) })),
      });
      props.onSaved();
    } catch (err) {
      setApiError(err);
    }
  };
  return (
    <form className="form" aria-label="New experiment" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>New A/B experiment</h3>
      <Field label="Name" name="exp-name" error={errors.name}>
        <input id="f-exp-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} aria-invalid={errors.name ? true : undefined} />
      </Field>
      {errors.variants ? <p className="error" role="alert">{errors.variants}</p> : null}
      {form.variants.map((v, i) => (
        <fieldset key={i} className="row">
          <legend>Variant {i + 1}</legend>
          <Field label="Name" name={`v${i}-name`} error={errors[`variants.${i}.name`]}>
            <input id={`f-v${i}-name`} value={v.name} onChange={(e) => setVariant(i, { name: e.target.value })} />
          </Field>
          <Field label="Weight" name={`v${i}-weight`} error={errors[`variants.${i}.weight`]}>
            <input id={`f-v${i}-weight`} inputMode="numeric" value={v.weight} onChange={(e) => setVariant(i, { weight: e.target.value })} />
          </Field>
          <Field label="Only campaigns (ids, comma-separated)" name={`v${i}-campaigns`}>
            <input id={`f-v${i}-campaigns`} value={v.campaignIds} onChange={(e) => setVariant(i, { campaignIds: e.target.value })} />
          </Field>
        </fieldset>
      ))}
      <div className="row">
        <button type="button" onClick={() => setForm({ ...form, variants: [...form.variants, { name: String.fromCharCode(65 + form.variants.length), weight: '50', campaignIds: '' }] })}>Add a variant</button>
        <button type="submit">Create experiment</button>
      </div>
      <ErrorBanner error={apiError} />
    </form>
  );
}

function VariantResults({ experiment, rows }: { experiment: Experiment; rows: BreakdownRow[] }) {
  return (
    <table>
      <caption>{experiment.name}{experiment.active ? '' : ' (inactive)'} — last 24 h</caption>
      <thead>
        <tr><th scope="col">Variant</th><th scope="col">Weight</th><th scope="col">Sessions</th><th scope="col">Ads decided</th><th scope="col">Exposed ads</th><th scope="col">Filled s</th></tr>
      </thead>
      <tbody>
        {experiment.variants.map((v) => {
          const r = rows.find((x) => x.key === `${experiment.id}:${v.name}`);
          return (
            <tr key={v.name}>
              <td>{v.name}</td><td>{v.weight}</td><td>{fmt.int(r?.sessions ?? 0)}</td><td>{fmt.int(r?.decidedAds ?? 0)}</td><td>{fmt.int(r?.exposedAds ?? 0)}</td><td>{Math.round(r?.filledSeconds ?? 0)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function AdsPage() {
  const advertisers = usePoll(() => api<List<Advertiser>>('GET', '/api/ads/advertisers?limit=1000'), 0);
  const campaigns = usePoll(() => api<List<Campaign>>('GET', '/api/ads/campaigns?limit=1000'), 0);
  const ads = usePoll(() => api<List<Ad>>('GET', '/api/ads/ads?limit=1000'), 0);
  const creatives = usePoll(() => api<List<Creative>>('GET', '/api/ads/creatives?limit=1000'), 0);
  const experiments = usePoll(() => api<List<Experiment>>('GET', '/api/ads/experiments?limit=1000'), 0);
  const byCampaign = usePoll(() => api<{ rows: BreakdownRow[] }>('GET', '/api/analytics/breakdown?by=campaign'), 30_000);
  const byVariant = usePoll(() => api<{ rows: BreakdownRow[] }>('GET', '/api/analytics/breakdown?by=variant'), 30_000);
  const [editing, setEditing] = useState<Campaign>();
  const [editingAd, setEditingAd] = useState<Ad>();
  /** Bumped after a save so that the form starts empty again. */
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState<unknown>();
  const setActive = async (kind: 'campaigns' | 'ads' | 'experiments', id: string, active: boolean) => {
    setError(undefined);
    try {
      await api('PUT', `/api/ads/${kind}/${encodeURIComponent(id)}`, { active });
      (kind === 'campaigns' ? campaigns : kind === 'ads' ? ads : experiments).reload();
    } catch (err) {
      setError(err);
    }
  };
  const advertiserName = (id: string) => advertisers.data?.items.find((a) => a.id === id)?.name ?? id;
  return (
    <>
      <header className="page-head">
        <h2>Ads &amp; campaigns</h2>
      </header>
      <ErrorBanner error={error ?? campaigns.error ?? ads.error} />
      <section aria-labelledby="campaigns-h">
        <h3 id="campaigns-h">Campaigns</h3>
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Advertiser</th><th scope="col">Priority</th><th scope="col">Exposed (24 h)</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {(campaigns.data?.items ?? []).map((c) => (
                <tr key={c.id}>
                  <td>{c.name}<br /><small className="muted">{c.id}</small></td>
                  <td>{advertiserName(c.advertiserId)}</td>
                  <td>{c.priority}</td>
                  <td>{fmt.int(byCampaign.data?.rows.find((r) => r.key === c.id)?.exposedAds ?? 0)}</td>
                  <td><span className={`status ${c.active ? 'completed' : 'cancelled'}`}>{c.active ? 'active' : 'inactive'}</span></td>
                  <td className="actions">
                    <button type="button" className="link" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>Edit</button>
                    <button type="button" className={c.active ? 'danger' : ''} onClick={() => void setActive('campaigns', c.id, !c.active)} aria-label={`${c.active ? 'Deactivate' : 'Activate'} ${c.name}`}>{c.active ? 'Deactivate' : 'Activate'}</button>
                  </td>
                </tr>
              ))}
              {campaigns.data?.items.length === 0 ? <tr><td colSpan={6} className="muted">No campaigns yet: add an advertiser, then a campaign.</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
      <div className="forms">
        {advertisers.data ? (
          <CampaignFormView key={`${editing?.id ?? 'new'}-${formKey}`} advertisers={advertisers.data.items} editing={editing} onCancel={editing ? () => setEditing(undefined) : undefined} onSaved={() => { setEditing(undefined); setFormKey((k) => k + 1); campaigns.reload(); }} />
        ) : null}
        <AdvertiserFormView onSaved={advertisers.reload} />
        {campaigns.data && creatives.data ? (
          <AdFormView key={`ad-${editingAd?.id ?? 'new'}`} campaigns={campaigns.data.items} creatives={creatives.data.items} editing={editingAd} onCancel={editingAd ? () => setEditingAd(undefined) : undefined} onSaved={() => { setEditingAd(undefined); ads.reload(); }} onUploaded={creatives.reload} />
        ) : null}
      </div>
      <section aria-labelledby="ads-h">
        <h3 id="ads-h">Ads</h3>
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Title</th><th scope="col">Campaign</th><th scope="col">Creative</th><th scope="col">Duration</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {(ads.data?.items ?? []).map((a) => (
                <tr key={a.id}>
                  <td>{a.title}<br /><small className="muted">{a.id}</small></td>
                  <td>{campaigns.data?.items.find((c) => c.id === a.campaignId)?.name ?? a.campaignId}</td>
                  <td>{a.creativeId}</td>
                  <td>{(a.durationMs / 1000).toFixed(0)} s</td>
                  <td><span className={`status ${a.active ? 'completed' : 'cancelled'}`}>{a.active ? 'active' : 'inactive'}</span></td>
                  <td className="actions">
                    <button type="button" className="link" onClick={() => setEditingAd(a)} aria-label={`Edit ad ${a.title}`}>Edit</button>
                    <button type="button" className={a.active ? 'danger' : ''} onClick={() => void setActive('ads', a.id, !a.active)} aria-label={`${a.active ? 'Deactivate' : 'Activate'} ad ${a.title}`}>{a.active ? 'Deactivate' : 'Activate'}</button>
                  </td>
                </tr>
              ))}
              {ads.data?.items.length === 0 ? <tr><td colSpan={6} className="muted">No ads yet.</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="exp-h">
        <h3 id="exp-h">A/B experiments</h3>
        <ErrorBanner error={experiments.error ?? byVariant.error} />
        {(experiments.data?.items ?? []).map((x) => (
          <div key={x.id} className="table-wrap">
            <VariantResults experiment={x} rows={byVariant.data?.rows ?? []} />
            <button type="button" onClick={() => void setActive('experiments', x.id, !x.active)}>{x.active ? 'Stop' : 'Restart'} {x.name}</button>
          </div>
        ))}
        {experiments.data && experiments.data.items.length === 0 ? <p className="muted">No experiments yet.</p> : null}
        <ExperimentFormView onSaved={experiments.reload} />
      </section>
    </>
  );
}
