// The film of a story, under the picture board once every picture is approved: a "Make the film"
// button, then a strip of 20 clip tiles that fills live from `film` events (film-status records)
// and from the `film` part of GET /api/stories/{id}. A READY clip plays in place; a FAILED one says
// why and can be retried, alone or with every other failed clip.

const CLIP_WORDS = { QUEUED: 'Queued', RENDERING: 'Rendering', READY: 'Ready', FAILED: 'Failed' };

const FILM_ERRORS = {
  deadline: 'The clip took too long and was stopped.',
  content_policy: 'The video provider refused this picture.',
  key_rejected: 'The video provider refused our key.',
  provider_error: 'The video provider failed while making this clip.',
  store_error: 'The clip was made but could not be stored.',
  picture_unavailable: 'The approved picture could not be read.',
};

function clipReason(error) {
  if (!error) return 'The clip could not be made.';
  const words = FILM_ERRORS[error.code];
  if (words && error.message) return `${words} (${error.message})`;
  return words || error.message || 'The clip could not be made.';
}

/**
 * Builds the film section. `ctx` carries the story id, the film from the snapshot (or null) and
 * the page's helpers (h, api, showBanner). Returns { el, setComplete, applySnapshot, applyEvent }.
 */
export function filmStrip(ctx) {
  const { id, h, api, showBanner } = ctx;
  const total = ctx.total || 20;
  const clips = new Map(); // scene -> { attempt, state, url, error, durationMs }
  const shown = new Map(); // scene -> the signature last rendered (a playing video is never replaced)
  const since = new Map(); // scene -> when its current attempt started rendering
  const tiles = new Map();
  let film = null; // { state, readyCount, failedCount, total }
  let complete = false;
  let asking = false;

  const makeButton = h('button', { class: 'primary film-make', type: 'button', onclick: () => makeFilm() }, 'Make the film');
  const intro = h('div', { class: 'film-intro' },
    h('div', {},
      h('h2', { text: 'The film' }),
      h('p', { class: 'muted', text: 'Every approved picture becomes a short moving clip. Clips appear here as they are made; each one plays in place.' })),
    makeButton);
  const countLabel = h('span', { class: 'film-count' });
  const bar = h('span');
  const retryAll = h('button', { class: 'small', type: 'button', hidden: true, onclick: () => retryFailed() }, 'Retry all failed');
  const head = h('div', { class: 'film-head', hidden: true },
    h('div', {}, h('h2', { text: 'The film' }), h('p', { class: 'muted film-state', role: 'status' })),
    h('div', { class: 'film-progress' },
      h('label', {}, h('span', {}, 'Clips ready'), countLabel),
      h('div', { class: 'bar', role: 'progressbar', 'aria-label': 'Clips ready', 'aria-valuemin': 0, 'aria-valuemax': total }, bar),
      retryAll));
  const strip = h('div', { class: 'film-strip', hidden: true, 'aria-label': 'Film clips' });
  const el = h('section', { class: 'film', hidden: true, 'aria-label': 'The film' }, intro, head, strip);

  for (let n = 1; n <= total; n += 1) {
    const tile = h('article', { class: 'clip', 'data-scene': n, 'aria-label': `Clip ${n}` });
    tiles.set(n, tile);
    strip.append(tile);
  }

  function render() {
    el.hidden = !complete && !film;
    intro.hidden = Boolean(film);
    makeButton.disabled = asking;
    makeButton.textContent = asking ? 'Asking…' : 'Make the film';
    head.hidden = !film;
    strip.hidden = !film;
    if (!film) return;
    let ready = 0;
    let failed = 0;
    for (const c of clips.values()) {
      if (c.state === 'READY') ready += 1;
      if (c.state === 'FAILED') failed += 1;
    }
    countLabel.textContent = `${ready}/${total}`;
    bar.style.width = `${(ready / total) * 100}%`;
    bar.parentElement.setAttribute('aria-valuenow', ready);
    retryAll.hidden = failed === 0;
    retryAll.textContent = `Retry all failed (${failed})`;
    const state = ready === total ? 'READY' : failed > 0 && ready + failed === total ? 'FAILED' : 'MAKING';
    head.querySelector('.film-state').textContent = state === 'READY' ? 'Every clip is ready.'
      : state === 'FAILED' ? `${failed} clip${failed > 1 ? 's' : ''} failed; retry them when you like.`
        : 'The clips are being made…';
    el.dataset.film = state;
    for (let n = 1; n <= total; n += 1) renderTile(n);
  }

  function renderTile(n) {
    const c = clips.get(n) || { state: 'QUEUED', attempt: 1 };
    const signature = `${c.state}|${c.attempt}|${c.url || ''}|${c.error ? c.error.code : ''}`;
    if (shown.get(n) === signature) return;
    shown.set(n, signature);
    let body;
    if (c.state === 'READY' && c.url) {
      body = h('video', { src: c.url, controls: true, preload: 'metadata', playsinline: true, muted: true, loop: true, 'aria-label': `Clip of scene ${n}` });
    } else if (c.state === 'FAILED') {
      body = h('div', { class: 'clip-body failed' }, h('p', { text: clipReason(c.error) }));
    } else if (c.state === 'RENDERING') {
      const started = since.get(n) || Date.now();
      since.set(n, started);
      body = h('div', { class: 'clip-body' }, h('div', {}, h('div', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', { class: 'elapsed', 'data-since': started, 'data-verb': 'Rendering', text: 'Rendering…' })));
    } else {
      body = h('div', { class: 'clip-body' }, h('span', { text: 'In the queue' }));
    }
    const st = c.state.toLowerCase();
    const retry = c.state === 'FAILED'
      ? h('button', { class: 'small', type: 'button', onclick: () => retryClip(n) }, `Retry clip ${n}`) : null;
    tiles.get(n).replaceChildren(body, h('div', { class: 'meta' },
      h('div', { class: 'title' }, h('span', {}, `Scene ${n}`), h('span', { class: `badge ${st === 'rendering' ? 'generating' : st === 'ready' ? 'approved' : st}`, 'data-state': st }, CLIP_WORDS[c.state] || c.state)),
      c.attempt > 1 ? h('div', { class: 'muted', style: 'font-size:.8rem', text: `Attempt ${c.attempt}` }) : null,
      retry));
    tiles.get(n).dataset.state = st;
  }

  function applySnapshot(f) {
    if (!f) return;
    film = { state: f.state, total: f.total };
    for (const c of f.clips || []) {
      set(c.number, { attempt: c.attempt, state: c.state, url: c.url, error: c.error, durationMs: c.durationMs });
    }
    render();
  }

  function applyEvent(ev) {
    const item = ev.item || {};
    film = film || { state: ev.filmState, total: ev.total };
    film.state = ev.filmState;
    set(item.sceneNumber, { attempt: item.attempt, state: item.state, url: item.mediaUrl, error: item.error, durationMs: item.durationMs });
    render();
  }

  function set(n, next) {
    const known = clips.get(n);
    if (known && known.attempt > next.attempt) return; // an older attempt never overrides a newer one
    if (known && known.attempt === next.attempt && known.state === 'READY' && next.state !== 'READY') return;
    if (next.state === 'RENDERING' && (!known || known.state !== 'RENDERING' || known.attempt !== next.attempt)) since.set(n, Date.now());
    clips.set(n, next);
  }

  async function makeFilm() {
    asking = true;
    render();
    try {
      applySnapshot(await api('POST', `/api/stories/${id}/film`));
    } catch (err) {
      showBanner('error', `The film: ${err.message}`);
    } finally {
      asking = false;
      render();
    }
  }

  async function retryClip(n) {
    try {
      applySnapshot(await api('POST', `/api/stories/${id}/film/clips/${n}/retry`));
    } catch (err) {
      showBanner('error', `Clip ${n}: ${err.message}`);
    }
  }

  async function retryFailed() {
    try {
      applySnapshot(await api('POST', `/api/stories/${id}/film/retry-failed`));
    } catch (err) {
      showBanner('error', `The film: ${err.message}`);
    }
  }

  function setComplete(done) {
    if (complete === done) return;
    complete = done;
    render();
  }

  applySnapshot(ctx.film);
  render();
  return { el, setComplete, applySnapshot, applyEvent };
}
