// The film's two panels besides the strip: the progress panel while the film is being made
// (clips n/20, narrations n/20, the assembly with its failure and "Assemble again"), and the
// player once the movie is READY (<video controls> with the WebVTT track from the gateway, shown
// by default, and the MP4 / SRT downloads).

const MOVIE_WORDS = {
  WAITING: 'Waits for every clip and narration.',
  ASSEMBLING: 'Assembling the film: title card, the 20 scenes with their narration, subtitles…',
  READY: 'The film is ready.',
};

export function duration(ms) {
  if (ms == null) return '';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function size(bytes) {
  if (bytes == null) return '';
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

/** `reason(error, what)` words an error; `onAssemble()` asks for the assembly again. */
export function progressPanel(h, total, reason, onAssemble) {
  const rows = {};
  function row(key, label) {
    const count = h('span', { class: 'count' });
    const bar = h('span');
    rows[key] = { count, bar };
    return h('div', { class: `film-row ${key}` },
      h('label', {}, h('span', {}, label), count),
      h('div', { class: 'bar', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': total }, bar));
  }
  const movieText = h('p', { class: 'movie-state', role: 'status' });
  const assemble = h('button', { class: 'small', type: 'button', hidden: true, onclick: () => onAssemble() }, 'Assemble again');
  const el = h('div', { class: 'film-panel', 'aria-label': 'How far the film is' },
    row('clips', 'Clips ready'), row('narrations', 'Narrations ready'),
    h('div', { class: 'film-row movie' }, h('label', {}, h('span', {}, 'Assembly')), movieText, assemble));

  function update({ clipsReady, narrationsReady, movie }) {
    for (const [key, n] of [['clips', clipsReady], ['narrations', narrationsReady]]) {
      rows[key].count.textContent = `${n}/${total}`;
      rows[key].bar.style.width = `${(n / total) * 100}%`;
      rows[key].bar.parentElement.setAttribute('aria-valuenow', n);
    }
    const state = movie ? movie.state : 'WAITING';
    el.dataset.movie = state.toLowerCase();
    movieText.className = `movie-state ${state.toLowerCase()}`;
    movieText.textContent = state === 'FAILED' ? reason(movie.error, 'film') : MOVIE_WORDS[state] || state;
    if (state === 'ASSEMBLING') movieText.prepend(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
    assemble.hidden = state !== 'FAILED';
  }
  return { el, update };
}

/** The READY movie: plays in place with subtitles on, downloads as MP4 and SRT. */
export function moviePlayer(h, id) {
  const el = h('div', { class: 'film-player', hidden: true });
  const factsEl = h('span', { class: 'muted' });
  let shown = null;

  function show(movie) {
    const ready = Boolean(movie && movie.state === 'READY' && movie.url);
    el.hidden = !ready;
    if (!ready) return;
    const facts = [duration(movie.durationMs), size(movie.sizeBytes)].filter(Boolean).join(' · ');
    factsEl.textContent = facts ? `H.264 + AAC · ${facts}` : 'H.264 + AAC';
    const signature = `${movie.attempt}|${movie.url}`;
    if (shown === signature) return; // a playing film is never replaced by the same one
    shown = signature;
    const version = `?v=${movie.attempt}`;
    const video = h('video', { controls: true, preload: 'metadata', playsinline: true, src: movie.url, 'aria-label': 'The film' },
      h('track', { kind: 'subtitles', srclang: 'en', label: 'Subtitles', default: true, src: `/api/stories/${id}/film/subtitles.vtt${version}` }));
    el.replaceChildren(
      h('div', { class: 'screen' }, video),
      h('div', { class: 'film-downloads' }, factsEl,
        h('a', { class: 'button primary', href: `/api/stories/${id}/film/film.mp4${version}`, download: true }, 'Download MP4'),
        h('a', { class: 'button', href: `/api/stories/${id}/film/subtitles.srt${version}`, download: true }, 'Subtitles (SRT)')));
    // subtitles on by default: the track's `default` attribute, and its mode set to showing
    if (video.textTracks[0]) video.textTracks[0].mode = 'showing';
  }
  return { el, show };
}
