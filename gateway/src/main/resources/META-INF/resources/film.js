// The film of a story, under the picture board once every picture is approved: a "Make the film"
// button; then, while it is made, a progress panel (clips n/20, narrations n/20, the assembly) and
// a strip of 20 scene tiles (the clip, playable in place, and its narration), filled live from
// `film` events (film-status records: CLIP, NARRATION and FILM items) and from the `film` part of
// GET /api/stories/{id}; once the movie is READY, the player (subtitles on) and the downloads.
// Every failure says why and has its Retry; "Retry all failed" retries them all.

import { progressPanel, moviePlayer, duration } from './film-player.js';

const CLIP_WORDS = { QUEUED: 'Queued', RENDERING: 'Rendering', READY: 'Ready', FAILED: 'Failed' };
const VOICE_WORDS = { QUEUED: 'Narration waits', SPEAKING: 'Being read aloud…', READY: 'Narrated', FAILED: 'Narration failed' };

const FILM_ERRORS = {
  deadline: 'It took too long and was stopped.',
  content_policy: 'The provider refused this scene.',
  key_rejected: 'The provider refused our key.',
  rate_limited: 'The provider is busy; try again in a moment.',
  provider_error: 'The provider failed while making it.',
  store_error: 'It was made but could not be stored.',
  picture_unavailable: 'The approved picture could not be read.',
};
const FALLBACK = { clip: 'The clip could not be made.', narration: 'The narration could not be spoken.', film: 'The film could not be assembled.' };

function reason(error, what) {
  if (!error) return FALLBACK[what];
  const words = FILM_ERRORS[error.code];
  if (words && error.message) return `${words} (${error.message})`;
  return words || error.message || FALLBACK[what];
}

const MOVIE_OF_ITEM = { QUEUED: 'WAITING', RENDERING: 'ASSEMBLING', READY: 'READY', FAILED: 'FAILED' };

/**
 * Builds the film section. `ctx` carries the story id, the film from the snapshot (or null) and
 * the page's helpers (h, api, showBanner, usd). Returns { el, setComplete, applySnapshot, applyEvent }.
 */
export function filmStrip(ctx) {
  const { id, h, api, showBanner } = ctx;
  const total = ctx.total || 20;
  const clips = new Map(); // scene -> { attempt, state, url, error, durationMs }
  const voices = new Map(); // scene -> the narration, same shape (state QUEUED, SPEAKING, READY, FAILED)
  const bodies = new Map(); // scene -> { signature, node }: a playing clip is never replaced
  const since = new Map(); // scene -> when its current clip attempt started rendering
  const tiles = new Map();
  let film = null; // { state, total }
  let movie = null; // { state, attempt, url, durationMs, sizeBytes, error }
  let complete = false;
  let asking = false;
  let wasReady = false;
  let makeLabel = 'Make the film'; // with the film's estimate once it is known and not 0
  let estimated = false;

  const makeButton = h('button', { class: 'primary film-make', type: 'button', onclick: () => ask('POST', '', 'The film') }, 'Make the film');
  const intro = h('div', { class: 'film-intro' },
    h('div', {},
      h('h2', { text: 'The film' }),
      h('p', { class: 'muted', text: 'Every approved picture becomes a moving clip, each scene is read aloud, and the whole story becomes one narrated film with subtitles to watch here and download.' })),
    makeButton);
  const stateText = h('p', { class: 'muted film-state', role: 'status' });
  const retryAll = h('button', { class: 'small film-retry-all', type: 'button', hidden: true, onclick: () => ask('POST', '/retry-failed', 'The film') }, 'Retry all failed');
  const head = h('div', { class: 'film-head', hidden: true }, h('div', {}, h('h2', { text: 'The film' }), stateText), retryAll);
  const panel = progressPanel(h, total, reason, () => ask('POST', '/assemble', 'The film'));
  const player = moviePlayer(h, id);
  const strip = h('div', { class: 'film-strip', 'aria-label': 'Film clips' });
  const parts = h('details', { class: 'film-parts', open: true, hidden: true },
    h('summary', {}, 'Scenes: clips and narration'), strip);
  const el = h('section', { class: 'film', hidden: true, 'aria-label': 'The film' }, intro, head, player.el, panel.el, parts);

  for (let n = 1; n <= total; n += 1) {
    const tile = h('article', { class: 'clip', 'data-scene': n, 'aria-label': `Scene ${n} of the film` });
    tiles.set(n, tile);
    strip.append(tile);
  }

  function counts() {
    const c = { clipsReady: 0, narrationsReady: 0, failed: 0 };
    for (const x of clips.values()) { c.clipsReady += x.state === 'READY'; c.failed += x.state === 'FAILED'; }
    for (const x of voices.values()) { c.narrationsReady += x.state === 'READY'; c.failed += x.state === 'FAILED'; }
    c.failed += movie && movie.state === 'FAILED' ? 1 : 0;
    return c;
  }

  function render() {
    el.hidden = !complete && !film;
    intro.hidden = Boolean(film);
    makeButton.disabled = asking;
    makeButton.textContent = asking ? 'Asking…' : makeLabel;
    head.hidden = !film;
    parts.hidden = !film;
    panel.el.hidden = !film; // no progress before "Make the film" is pressed
    if (!film) return;
    const c = counts();
    const ready = film.state === 'READY';
    retryAll.hidden = c.failed === 0;
    retryAll.textContent = `Retry all failed (${c.failed})`;
    stateText.textContent = ready ? `Your film is ready${movie && movie.durationMs ? ` (${duration(movie.durationMs)})` : ''}: narrated, with subtitles.`
      : film.state === 'FAILED' ? 'Something could not be made; retry it when you like.'
        : 'The film is being made: the clips and the narration first, then the assembly.';
    el.dataset.film = film.state;
    panel.el.hidden = ready;
    panel.update({ ...c, movie });
    player.show(ready ? movie : null);
    if (ready && !wasReady) parts.open = false; // the player takes the stage; the scenes stay one click away
    wasReady = ready;
    for (let n = 1; n <= total; n += 1) renderTile(n);
  }

  function clipBody(n, c) {
    const signature = `${c.state}|${c.attempt}|${c.url || ''}|${c.error ? c.error.code : ''}`;
    const known = bodies.get(n);
    if (known && known.signature === signature) return known.node;
    let node;
    if (c.state === 'READY' && c.url) {
      node = h('video', { src: c.url, controls: true, preload: 'metadata', playsinline: true, muted: true, loop: true, 'aria-label': `Clip of scene ${n}` });
    } else if (c.state === 'FAILED') {
      node = h('div', { class: 'clip-body failed' }, h('p', { text: reason(c.error, 'clip') }));
    } else if (c.state === 'RENDERING') {
      const started = since.get(n) || Date.now();
      since.set(n, started);
      node = h('div', { class: 'clip-body' }, h('div', {}, h('div', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', { class: 'elapsed', 'data-since': started, 'data-verb': 'Rendering', text: 'Rendering…' })));
    } else {
      node = h('div', { class: 'clip-body' }, h('span', { text: 'In the queue' }));
    }
    bodies.set(n, { signature, node });
    return node;
  }

  function voiceLine(n) {
    const v = voices.get(n);
    if (!v) return null;
    const st = v.state.toLowerCase();
    const words = v.state === 'READY' && v.durationMs ? `${VOICE_WORDS.READY} · ${duration(v.durationMs)}` : VOICE_WORDS[v.state] || v.state;
    return h('div', { class: `voice ${st}`, 'data-state': st },
      h('span', { text: words }),
      v.state === 'FAILED' ? h('span', { class: 'why', text: reason(v.error, 'narration') }) : null,
      v.state === 'FAILED' ? h('button', { class: 'small', type: 'button', onclick: () => ask('POST', `/narrations/${n}/retry`, `Narration ${n}`) }, `Retry narration ${n}`) : null);
  }

  function renderTile(n) {
    const c = clips.get(n) || { state: 'QUEUED', attempt: 1 };
    const st = c.state.toLowerCase();
    const retry = c.state === 'FAILED'
      ? h('button', { class: 'small', type: 'button', onclick: () => ask('POST', `/clips/${n}/retry`, `Clip ${n}`) }, `Retry clip ${n}`) : null;
    const body = clipBody(n, c);
    const tile = tiles.get(n);
    if (tile.firstChild !== body) tile.replaceChildren(body);
    while (tile.childNodes.length > 1) tile.lastChild.remove();
    tile.append(h('div', { class: 'meta' },
      h('div', { class: 'title' }, h('span', {}, `Scene ${n}`), h('span', { class: `badge ${st === 'rendering' ? 'generating' : st === 'ready' ? 'approved' : st}`, 'data-state': st }, CLIP_WORDS[c.state] || c.state)),
      c.attempt > 1 ? h('div', { class: 'muted', style: 'font-size:.8rem', text: `Attempt ${c.attempt}` }) : null,
      retry, voiceLine(n)));
    tile.dataset.state = st;
  }

  function applySnapshot(f) {
    if (!f) return;
    film = { state: f.state, total: f.total };
    for (const c of f.clips || []) set(clips, c.number, c);
    for (const v of f.narrations || []) set(voices, v.number, v);
    if (f.movie) setMovie(f.movie);
    render();
  }

  function applyEvent(ev) {
    const item = ev.item || {};
    film = film || { state: ev.filmState, total: ev.total };
    film.state = ev.filmState;
    const next = { attempt: item.attempt, state: item.state, url: item.mediaUrl, error: item.error, durationMs: item.durationMs };
    if (item.kind === 'FILM') {
      setMovie({ ...next, state: MOVIE_OF_ITEM[item.state] || item.state });
      if (item.state === 'READY') refetch(); // the subtitles and the size come with the film view
    } else if (item.kind === 'NARRATION') {
      set(voices, item.sceneNumber, { ...next, state: item.state === 'RENDERING' ? 'SPEAKING' : item.state });
    } else {
      set(clips, item.sceneNumber, next);
    }
    render();
  }

  function set(map, n, item) {
    const next = { attempt: item.attempt, state: item.state, url: item.url, error: item.error, durationMs: item.durationMs };
    const known = map.get(n);
    if (known && known.attempt > next.attempt) return; // an older attempt never overrides a newer one
    if (known && known.attempt === next.attempt && known.state === 'READY' && next.state !== 'READY') return;
    if (map === clips && next.state === 'RENDERING' && (!known || known.state !== 'RENDERING' || known.attempt !== next.attempt)) since.set(n, Date.now());
    map.set(n, next);
  }

  function setMovie(next) {
    if (movie && movie.attempt > next.attempt) return;
    if (movie && movie.attempt === next.attempt && movie.state === 'READY' && next.state !== 'READY') return;
    movie = movie && movie.attempt === next.attempt ? { ...movie, ...next } : { ...next };
  }

  async function refetch() {
    try {
      applySnapshot(await api('GET', `/api/stories/${id}/film`));
    } catch (err) {
      showBanner('error', `The film: ${err.message}`);
    }
  }

  async function ask(method, path, what) {
    if (path === '') { asking = true; render(); }
    try {
      applySnapshot(await api(method, `/api/stories/${id}/film${path}`));
    } catch (err) {
      showBanner('error', `${what}: ${err.message}`);
    } finally {
      if (path === '') { asking = false; render(); }
    }
  }

  function setComplete(done) {
    if (complete === done) return;
    complete = done;
    if (complete && !film) estimate();
    render();
  }

  // What making the film reserves (a clip and a narration per scene): on the button when it costs anything.
  function estimate() {
    if (estimated || !ctx.usd) return;
    estimated = true;
    api('GET', `/api/stories/${id}/film/estimate`).then((e) => {
      if (Number(e.estimateUsd) > 0) {
        makeLabel = `Make the film · est. ${ctx.usd(e.estimateUsd)}`;
        render();
      }
    }).catch(() => { estimated = false; });
  }

  applySnapshot(ctx.film);
  render();
  return { el, setComplete, applySnapshot, applyEvent };
}
