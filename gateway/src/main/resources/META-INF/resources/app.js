// Taleforge web UI: plain modern JavaScript, no build step, no CDN. Served by the gateway.
// Views: my stories (#/), the quiz (#/new), a story (#/story/<id>): the scene editor while the
// scenes are drafts, then the image board, live over SSE with polling as the fallback.

import { h } from './dom.js';
import { filmStrip } from './film.js';
import { SCENE_STAGES, followWriting } from './writing.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const TOTAL = 20;
const PORTRAIT = 0; // the hero's portrait: picture 0, drawn and approved before the 20 scenes
const POLL_MS = 3000;

// ---------------------------------------------------------------- helpers

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

async function api(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { title: 'Taleforge cannot be reached. Check your connection and try again.' });
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

function showBanner(kind, text) {
  if (!kind) { banner.hidden = true; banner.textContent = ''; return; }
  banner.hidden = false;
  banner.className = `banner ${kind}`;
  banner.textContent = text;
}

function setView(...nodes) {
  main.replaceChildren(...nodes.flat());
  main.focus({ preventScroll: true });
}

function errorView(err) {
  const msg = err instanceof ApiError && err.status === 404
    ? 'This story does not exist, or it is not yours.'
    : (err.message || 'Something went wrong.');
  setView(h('div', { class: 'card empty' },
    h('h1', { text: 'We could not open this' }),
    h('p', { class: 'error', text: msg }),
    h('a', { class: 'button', href: '#/' }, 'Back to my stories')));
}

const STAGE_TITLES = {
  'underdog': 'The underdog',
  'discovery': 'The discovery',
  'first-failure': 'First failure',
  'training': 'Training',
  'transformation': 'Transformation',
  'display-of-power': 'Display of power',
  'challenge': 'Challenge and justice',
  'triumph': 'Closing triumph',
};

/** US dollars as the reader reads them: cents, or a tenth of a cent below one. */
function usd(value) {
  const n = Number(value);
  return `$${n > 0 && n < 0.01 ? n.toFixed(4) : n.toFixed(2)}`;
}

function stageTitle(stage) {
  return STAGE_TITLES[stage] || (stage ? stage.replace(/-/g, ' ') : 'Scenes');
}

const ERROR_WORDS = {
  content_policy: 'The image service refused this picture (content policy), even after we softened the wording.',
  timeout: 'The image service did not answer in time.',
  rate_limited: 'The image service is busy; it asked us to slow down.',
  key_rejected: 'The image service rejected our key; an operator must fix the configuration.',
  provider_error: 'The image service failed while drawing this picture.',
  store_failed: 'The picture was drawn but could not be stored.',
  failed: 'The picture could not be made.',
  skipped: 'This picture was skipped.',
};

function reasonInWords(error) {
  if (!error) return 'The picture could not be made.';
  const words = ERROR_WORDS[error.code];
  if (words && error.message) return `${words} (${error.message})`;
  return words || error.message || 'The picture could not be made.';
}

// ---------------------------------------------------------------- router

let current = null; // the active view's cleanup

function route() {
  if (current) { current(); current = null; }
  showBanner(null);
  const hash = location.hash || '#/';
  const story = hash.match(/^#\/story\/([0-9a-fA-F-]{36})$/);
  if (hash === '#/new') quizView();
  else if (story) current = storyView(story[1]);
  else listView();
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);

// ---------------------------------------------------------------- my stories

const PAGE_SIZE = 10;

async function listView() {
  document.title = 'My stories · Taleforge';
  setView(h('p', { class: 'muted', text: 'Loading your stories…' }));
  try {
    const page = await api('GET', `/api/stories?limit=${PAGE_SIZE}`);
    const items = (page && page.items) || [];
    if (items.length === 0) {
      setView(h('div', { class: 'card empty' },
        h('h1', { text: 'Your stories' }),
        h('p', { class: 'muted', text: 'Answer a short quiz and Taleforge writes and illustrates a 20-scene story about your hero.' }),
        h('a', { class: 'button primary', href: '#/new' }, 'Start a new story')));
      return;
    }
    const list = h('ul', { class: 'stories', role: 'list', style: 'list-style:none;padding:0' });
    const more = h('button', { type: 'button', class: 'more' }, 'More stories');
    let next = page.next;
    const addPage = (rows) => list.append(...rows.map(storyRow));
    more.addEventListener('click', async () => {
      more.disabled = true;
      try {
        const following = await api('GET', `/api/stories?limit=${PAGE_SIZE}&after=${encodeURIComponent(next)}`);
        addPage(following.items || []);
        next = following.next;
      } catch (err) {
        showBanner('error', err.message);
      }
      more.disabled = false;
      more.hidden = !next;
    });
    more.hidden = !next;
    addPage(items);
    setView(h('h1', { text: 'Your stories' }), list, h('div', { class: 'actions' }, more));
  } catch (err) {
    errorView(err);
  }
}

/** A listed story's money, when it has spent something: "Spent $1.54 · $0.63 left". */
function spendWords(s) {
  if (!(Number(s.spentUsd) > 0)) return null;
  return s.storyLeftUsd == null ? `Spent ${usd(s.spentUsd)}` : `Spent ${usd(s.spentUsd)} · ${usd(s.storyLeftUsd)} left`;
}

function storyRow(s) {
  const spend = spendWords(s);
  return h('li', { class: 'card story-row' },
    h('div', {},
      h('a', { href: `#/story/${s.id}` }, s.title || 'Untitled story'),
      h('div', { class: 'muted', text: `${statusWords(s)} · ${new Date(s.createdAt).toLocaleString()}` }),
      spend ? h('div', { class: 'muted spend', text: spend }) : null),
    h('div', { class: 'actions' },
      s.allApproved ? h('a', { class: 'button small read-book', href: `/stories/${s.id}/book`, 'aria-label': `Read ${s.title || 'story'} as a book` }, 'Read') : null,
      h('a', { class: 'button small', href: `#/story/${s.id}`, 'aria-label': `Open ${s.title || 'story'}` }, 'Open')));
}

// story-service sends WRITING, DRAFTED, SCENES_APPROVED and REGENERATING; "complete" is approval-service's
// allApproved, which the gateway adds to each listed story.
function statusWords(story) {
  if (story.allApproved) return 'Complete';
  return ({ WRITING: 'Being written', DRAFTED: 'Scenes to review', SCENES_APPROVED: 'Pictures in progress', REGENERATING: 'Pictures in progress' })[story.status] || story.status || '';
}

// ---------------------------------------------------------------- quiz

async function quizView() {
  document.title = 'New story · Taleforge';
  setView(h('p', { class: 'muted', text: 'Loading the quiz…' }));
  let quiz;
  try {
    quiz = await api('GET', '/api/quiz');
  } catch (err) {
    errorView(err);
    return;
  }
  const answers = {};
  const serverErrors = {};
  let index = 0;

  const visible = () => quiz.questions.filter((q) => !q.showIf || answers[q.showIf.questionId] === q.showIf.equals);

  function render() {
    const qs = visible();
    index = Math.min(index, qs.length - 1);
    const q = qs[index];
    const last = index === qs.length - 1;
    const errorId = `err-${q.id}`;
    const err = h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: !serverErrors[q.id] }, serverErrors[q.id] || '');
    let control;
    if (q.kind === 'choice') {
      control = h('fieldset', { 'aria-describedby': errorId },
        h('legend', { text: q.text }),
        h('div', { class: 'choices' }, q.options.map((o) => h('label', { class: 'choice' },
          h('input', {
            type: 'radio', name: q.id, value: o.value, checked: answers[q.id] === o.value,
            onchange: () => { answers[q.id] = o.value; delete serverErrors[q.id]; err.hidden = true; },
          }),
          h('span', { text: o.label })))));
    } else {
      const input = h('input', {
        type: 'text', id: `q-${q.id}`, name: q.id, maxlength: q.maxLength || 200,
        value: answers[q.id] || '', autocomplete: 'off', 'aria-describedby': errorId,
        oninput: (e) => { answers[q.id] = e.target.value; delete serverErrors[q.id]; err.hidden = true; },
      });
      control = h('div', {}, h('label', { class: 'question', for: `q-${q.id}`, text: q.text }), input);
    }
    const form = h('form', {
      class: 'card quiz', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const value = (answers[q.id] || '').toString().trim();
        if (q.required && !value) {
          err.textContent = 'Please answer this question.';
          err.hidden = false;
          return;
        }
        if (!last) { index += 1; render(); return; }
        await submit(form);
      },
    },
      h('div', { class: 'steps', text: `Question ${index + 1} of ${qs.length}` }),
      control,
      err,
      h('div', { class: 'actions' },
        h('button', { type: 'button', disabled: index === 0, onclick: () => { index -= 1; render(); } }, 'Back'),
        h('button', { type: 'submit', class: 'primary' }, last ? 'Write my story' : 'Next')));
    setView(form);
    const first = form.querySelector('input');
    if (first) first.focus();
  }

  async function submit(form) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.textContent = 'Sending your answers…';
    const payload = {};
    for (const q of visible()) {
      if (answers[q.id] !== undefined && answers[q.id] !== '') payload[q.id] = answers[q.id].toString().trim();
    }
    try {
      const story = await api('POST', '/api/stories', { answers: payload });
      location.hash = `#/story/${story.id}`;
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : [];
      if (fields.length) {
        for (const f of fields) serverErrors[f.field.replace(/^answers\./, '')] = f.message;
        const qs = visible();
        const firstBad = qs.findIndex((q) => serverErrors[q.id]);
        index = firstBad >= 0 ? firstBad : index;
        render();
      } else {
        button.disabled = false;
        button.textContent = 'Write my story';
        showBanner('error', err.message);
      }
    }
  }

  render();
}

// ---------------------------------------------------------------- a story

function storyView(id) {
  let stop = () => {};
  let closed = false;
  (async () => {
    setView(h('p', { class: 'muted', text: 'Opening your story…' }));
    try {
      const state = await api('GET', `/api/stories/${id}`);
      if (closed) return;
      if (state.story.status === 'DRAFTED' || state.story.status === 'WRITING') stop = editorView(id, state);
      else stop = boardView(id, state);
    } catch (err) {
      errorView(err);
    }
  })();
  return () => { closed = true; stop(); };
}

function autoGrow(area) {
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight + 2}px`;
}

// The editor opens at once, also while the story is being written: a slot per scene, filled the
// moment its scene is written (editable at once); "Approve scenes" once all 20 are there.
function editorView(id, state) {
  document.title = `${state.story.title || 'Your story'} · Taleforge`;
  const pending = new Map();
  const slots = new Map();
  const written = new Set();
  let story = state.story;
  const groups = [];
  for (let n = 1; n <= TOTAL; n++) {
    const stage = SCENE_STAGES[n - 1];
    const last = groups[groups.length - 1];
    if (last && last.stage === stage) last.numbers.push(n);
    else groups.push({ stage, numbers: [n] });
  }

  function slot(n) {
    const el = h('div', { class: 'scene-slot', id: `slot-${n}` },
      h('div', { class: 'scene-edit scene-waiting' },
        h('label', {}, h('span', {}, `Scene ${n}`), h('span', { class: 'save-state' }, 'Being written…'))));
    slots.set(n, el);
    return el;
  }

  // a scene already in its slot keeps the reader's edits
  function fill(scene) {
    if (written.has(scene.number) || !slots.has(scene.number)) return;
    written.add(scene.number);
    slots.get(scene.number).replaceChildren(sceneEditor(scene));
    renderProgress();
  }

  function sceneEditor(scene) {
    const stateEl = h('span', { class: 'save-state', 'aria-live': 'polite', id: `save-${scene.number}` }, '');
    const area = h('textarea', {
      id: `scene-${scene.number}`, rows: 2, maxlength: 2000, 'aria-describedby': `save-${scene.number}`,
      oninput: () => { autoGrow(area); schedule(scene.number, area, stateEl); },
      onblur: () => flush(scene.number, area, stateEl),
    });
    area.value = scene.text;
    requestAnimationFrame(() => autoGrow(area));
    return h('div', { class: 'scene-edit' },
      h('label', { for: `scene-${scene.number}` }, h('span', {}, `Scene ${scene.number}`), stateEl),
      area,
      scene.placeholder ? h('p', { class: 'placeholder-note', text: `The writer could not finish this scene${scene.note ? ` (${scene.note})` : ''}: this is a placeholder. Write it in your own words.` }) : null);
  }

  function schedule(n, area, stateEl) {
    clearTimeout(pending.get(n));
    stateEl.className = 'save-state';
    stateEl.textContent = 'Editing…';
    pending.set(n, setTimeout(() => flush(n, area, stateEl), 800));
  }

  async function flush(n, area, stateEl) {
    if (!pending.has(n)) return true;
    clearTimeout(pending.get(n));
    pending.delete(n);
    stateEl.className = 'save-state';
    stateEl.textContent = 'Saving…';
    try {
      await api('PUT', `/api/stories/${id}/scenes/${n}`, { text: area.value });
      stateEl.className = 'save-state saved';
      stateEl.textContent = 'Saved';
      return true;
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldErrors()[0] : null;
      stateEl.className = 'save-state failed';
      stateEl.textContent = `Not saved: ${field ? field.message : err.message}`;
      return false;
    }
  }

  let approveLabel = 'Approve scenes';
  const approve = h('button', {
    class: 'primary', type: 'button',
    onclick: async () => {
      approve.disabled = true;
      const areas = [...main.querySelectorAll('textarea')];
      const results = await Promise.all(areas.map((a) => {
        const n = Number(a.id.replace('scene-', ''));
        return flush(n, a, document.getElementById(`save-${n}`));
      }));
      if (results.includes(false)) {
        showBanner('error', 'Some scenes could not be saved. Fix them before approving.');
        approve.disabled = false;
        return;
      }
      approve.textContent = 'Approving…';
      try {
        await api('POST', `/api/stories/${id}/approve-scenes`);
        route();
      } catch (err) {
        showBanner('error', err.message);
        approve.disabled = false;
        approve.textContent = approveLabel;
      }
    },
  }, approveLabel);
  // What approving reserves (writer, portrait, 20 pictures): on the button when it costs anything.
  api('GET', `/api/stories/${id}/budget`).then((budget) => {
    if (Number(budget.approvalEstimateUsd) > 0 && !approve.disabled) {
      approveLabel = `Approve scenes · est. ${usd(budget.approvalEstimateUsd)}`;
      approve.textContent = approveLabel;
    }
  }).catch(() => {});

  const stopWriting = h('button', {
    type: 'button', id: 'stop-writing',
    onclick: async () => {
      stopWriting.disabled = true;
      stopWriting.textContent = 'Stopping…';
      try {
        await api('POST', `/api/stories/${id}/stop-writing`);
      } catch (err) {
        showBanner('error', err.message);
        stopWriting.disabled = false;
        stopWriting.textContent = 'Stop writing';
      }
    },
  }, 'Stop writing');

  const title = h('h1', { text: story.title || 'Your story' });
  const progress = h('p', { class: 'writing-progress', id: 'writing-progress', 'aria-live': 'polite' });

  function renderProgress() {
    const writing = story.status === 'WRITING';
    if (writing && story.place) {
      progress.textContent = story.place === 1 ? 'Your story is next in line for a writer.'
        : `Waiting for a writer: ${story.place - 1} stories before yours.`;
    } else if (writing) {
      progress.textContent = `Writing… ${written.size} of ${TOTAL} scenes. You can edit the scenes already written.`;
    } else {
      progress.textContent = story.writingNote ? `The writing ended early (${story.writingNote}). Write the marked scenes yourself.` : '';
    }
    stopWriting.hidden = !writing;
    approve.disabled = writing || written.size < TOTAL;
  }

  async function refresh() {
    try {
      const latest = await api('GET', `/api/stories/${id}`);
      story = latest.story;
      title.textContent = story.title || 'Your story';
      document.title = `${title.textContent} · Taleforge`;
      for (const scene of latest.scenes) fill(scene);
      renderProgress();
      if (story.status !== 'WRITING') unfollow();
    } catch (err) {
      showBanner('error', `Updates paused: ${err.message}`);
    }
  }

  setView(
    title,
    h('p', { class: 'muted', text: 'Read the 20 scenes and change anything you like: edits save as you type. When the story reads right, approve the scenes: your hero\'s portrait is drawn first, and once you approve it the 20 pictures start from it.' }),
    progress,
    groups.map((g) => h('section', { class: 'stage', 'aria-label': stageTitle(g.stage) },
      h('h2', { text: stageTitle(g.stage) }), g.numbers.map(slot))),
    h('div', { class: 'sticky-actions' }, stopWriting, approve));
  for (const scene of state.scenes) fill(scene);
  renderProgress();
  let unfollow = () => {};
  if (story.status === 'WRITING') {
    unfollow = followWriting(id, state.lastEventId, {
      scene: fill,
      story: (ev) => { if (ev.status !== 'WRITING') refresh(); },
      reload: refresh,
    });
  }
  return () => unfollow();
}

// ---------------------------------------------------------------- the image board

function boardView(id, initial) {
  document.title = `${initial.story.title || 'Your story'} · Taleforge`;
  const model = {
    story: initial.story,
    scenes: new Map(initial.scenes.map((s) => [s.number, { ...s }])),
    allApproved: Boolean(initial.allApproved),
  };
  const hasPortrait = model.scenes.has(PORTRAIT);
  const since = new Map(); // scene -> time the current attempt started generating
  const tiles = new Map();
  const openForms = new Set();
  const rendered = new Map(); // n -> what its tile shows now: an unchanged tile is not rebuilt under the reader's click
  let source = null;
  let pollTimer = null;
  // Counts the reader's own changes (decisions, retries) sent or answered: a polled snapshot asked
  // for before one of them may predate it, and would put the old buttons back for a poll's length.
  let ownChanges = 0;
  let retrySseTimer = null;
  let tick = null;
  let mode = null;
  let stopped = false;
  // The stream position the board is at: the snapshot's, then the id of every event applied. Every
  // new EventSource resumes from it, so nothing published in between is missed.
  let lastId = initial.lastEventId || null;

  const spentEl = h('p', { class: 'muted spent', hidden: true });
  api('GET', `/api/stories/${id}/budget`).then((budget) => {
    spentEl.hidden = !(Number(budget.committedUsd) > 0);
    spentEl.textContent = `Spent so far ${usd(budget.spentUsd)} · reserved ${usd(budget.committedUsd)} · a new picture ~${usd(budget.pictureEstimateUsd)}`;
  }).catch(() => {});
  const readyLabel = h('span');
  const approvedLabel = h('span');
  const readyBar = h('span');
  const approvedBar = h('span');
  const completeEl = h('div', { class: 'complete', role: 'status', hidden: true }, 'Story complete: every picture is approved. ',
    h('a', { class: 'read-book', href: `/stories/${id}/book` }, 'Read the storybook'), ' · ',
    h('a', { href: `/api/stories/${id}/book.pdf`, download: true }, 'Download PDF'), ' · ',
    h('a', { href: `/api/stories/${id}/export`, download: true }, 'Export (ZIP)'));
  const grid = h('div', { class: 'tiles' });
  const approveAllButton = h('button', { type: 'button', class: 'small ok', onclick: () => approveAll() }, 'Approve all');
  const retryAllButton = h('button', { type: 'button', class: 'small', onclick: () => retryFailed() }, 'Retry all failed');
  const film = filmStrip({ id, film: initial.film, total: TOTAL, h, api, showBanner, usd });

  setView(
    h('div', { class: 'board-head' },
      h('div', {},
        h('h1', { text: model.story.title || 'Your story' }),
        spentEl,
        h('p', { class: 'muted', text: hasPortrait ? `First meet ${heroName()}: approve the portrait and every scene is drawn from it. Then approve the pictures you like; reject one to have it drawn again, with your note if you add one.` : 'Pictures appear as they are drawn. Approve the ones you like; reject one to have it drawn again, with your note if you add one.' })),
      h('div', { class: 'progress', 'aria-label': 'Progress' },
        h('label', {}, h('span', {}, 'Pictures ready'), readyLabel),
        h('div', { class: 'bar', role: 'progressbar', 'aria-label': 'Pictures ready', 'aria-valuemin': 0, 'aria-valuemax': TOTAL }, readyBar),
        h('label', {}, h('span', {}, 'Approved'), approvedLabel),
        h('div', { class: 'bar approved', role: 'progressbar', 'aria-label': 'Pictures approved', 'aria-valuemin': 0, 'aria-valuemax': TOTAL }, approvedBar),
        h('div', { class: 'actions' }, approveAllButton, retryAllButton))),
    completeEl,
    film.el,
    grid);

  // The hero's portrait (picture 0) comes first: drawn before the scenes, whose pictures start once
  // the reader approves it. Stories approved before portraits existed have none.
  const first = hasPortrait ? PORTRAIT : 1;
  for (let n = first; n <= TOTAL; n += 1) {
    const tile = h('article', { class: n === PORTRAIT ? 'tile portrait' : 'tile', 'data-scene': n, 'aria-label': pictureName(n) });
    tiles.set(n, tile);
    grid.append(tile);
  }

  function heroName() {
    return (model.story && model.story.heroName) || 'your hero';
  }

  /** "Meet <name>" for the portrait, "Scene n" for a scene. */
  function pictureName(n) {
    return n === PORTRAIT ? `Meet ${heroName()}` : `Scene ${n}`;
  }

  /** Whether the scenes still wait for the reader to approve the portrait. */
  function waitsForPortrait() {
    return hasPortrait && tileState(model.scenes.get(PORTRAIT)) !== 'approved';
  }

  function tileState(scene) {
    const image = scene.image || {};
    const approval = scene.approval || {};
    if (approval.state === 'APPROVED' && (approval.attempt || 0) >= (image.attempt || 0)) return 'approved';
    if (scene.refusal && scene.refusal.attempt === (image.attempt || approval.attempt)) return 'refused';
    if (image.status === 'READY') return approval.state === 'REJECTED' && approval.attempt === image.attempt ? 'rejected' : 'ready';
    if (image.status === 'FAILED' || image.status === 'SKIPPED') return 'failed';
    if (image.status === 'GENERATING') return 'generating';
    if (image.status === 'QUEUED') return 'queued';
    if (approval.state === 'REJECTED') return 'rejected';
    return 'waiting';
  }

  const WORDS = { approved: 'Approved', ready: 'Ready', rejected: 'Rejected', refused: 'Not redrawn', failed: 'Failed', generating: 'Generating', queued: 'Queued', waiting: 'Waiting' };

  /** Why a rejected picture was not drawn again: the limit, what is left and what it needs. */
  function refusalWords(refusal) {
    const whose = refusal.limit === 'daily-budget' ? 'your budget for today' : "the story's budget";
    return `Not redrawn: ${whose} has ${usd(refusal.leftUsd)} left, this picture needs ${usd(refusal.estimateUsd)}.`;
  }

  // a stored picture that does not load (the store out of reach, its file gone) says so, with a way
  // to ask again, instead of the browser's broken-image sign
  function picture(url, alt) {
    return h('img', { src: url, alt, loading: 'lazy', onerror: (e) => unavailable(e.target, url, alt) });
  }

  function unavailable(img, url, alt) {
    const pic = img.parentElement;
    if (!pic) return;
    pic.classList.add('unavailable');
    pic.replaceChildren(h('div', {}, h('p', { text: 'The picture could not be loaded.' }),
      h('button', { type: 'button', class: 'small', onclick: () => {
        pic.classList.remove('unavailable');
        pic.replaceChildren(picture(url, alt));
      } }, 'Load it again')));
  }

  function renderTile(n) {
    if (openForms.has(n)) return; // do not pull a half-written note from under the reader
    const scene = model.scenes.get(n) || { number: n };
    const image = scene.image || {};
    const st = tileState(scene);
    const attempt = image.attempt || (scene.approval && scene.approval.attempt) || 1;
    const shows = JSON.stringify([scene, st, heroName(), n !== PORTRAIT && waitsForPortrait()]);
    if (st !== 'generating' && rendered.get(n) === shows && tiles.get(n).childElementCount) return;
    rendered.set(n, shows);
    let pic;
    if ((st === 'ready' || st === 'approved' || st === 'rejected' || st === 'refused') && image.url) {
      const alt = n === PORTRAIT ? `Portrait of ${heroName()}` : `Picture for scene ${n}: ${scene.text || ''}`;
      pic = h('div', { class: 'pic' }, picture(image.url, alt.slice(0, 300)));
    } else if (st === 'failed') {
      pic = h('div', { class: 'pic failed' }, h('p', { text: 'Not drawn' })); // the reason is said once, under the title
    } else if (st === 'generating') {
      const started = since.get(n) || Date.now();
      since.set(n, started);
      pic = h('div', { class: 'pic' }, h('div', {}, h('div', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', { class: 'elapsed', 'data-since': started, text: `Drawing… ${Math.round((Date.now() - started) / 1000)} s` })));
    } else if (n !== PORTRAIT && st === 'waiting' && waitsForPortrait()) {
      pic = h('div', { class: 'pic' }, h('span', { text: `Waits for ${heroName()}'s portrait: approve it first` }));
    } else {
      pic = h('div', { class: 'pic' }, h('span', { text: st === 'queued' ? 'In the queue' : 'Waiting to start' }));
    }
    const actions = h('div', { class: 'actions' });
    const approval = scene.approval || {};
    const reviewable = approval.state === 'PENDING' && approval.attempt === image.attempt;
    if (st === 'ready' && !reviewable) {
      actions.append(h('span', { class: 'muted', style: 'font-size:.85rem', text: 'Getting it ready for your review…' }));
    } else if (st === 'ready') {
      const what = n === PORTRAIT ? 'portrait' : `scene ${n}`;
      actions.append(
        h('button', { class: 'small ok', type: 'button', onclick: () => decide(n, 'approve') }, `Approve ${what}`),
        h('button', { class: 'small danger', type: 'button', onclick: () => rejectForm(n) }, `Reject ${what}`));
    } else if (st === 'failed') {
      actions.append(h('button', { class: 'small', type: 'button', onclick: () => retry(n) }, n === PORTRAIT ? 'Retry portrait' : `Retry scene ${n}`));
    }
    tiles.get(n).replaceChildren(pic, h('div', { class: 'meta' },
      h('div', { class: 'title' }, h('span', {}, pictureName(n)), h('span', { class: `badge ${st}`, 'data-state': st }, WORDS[st])),
      n === PORTRAIT ? h('p', { class: 'muted', style: 'font-size:.85rem', text: `Every scene is drawn from this picture of ${heroName()}, once you approve it.` }) : null,
      h('div', { class: 'muted', style: 'font-size:.85rem', text: `Attempt ${attempt}` }),
      st === 'failed' ? h('p', { class: 'reason', role: 'note', text: reasonInWords(image.error) }) : null,
      st === 'refused' ? h('p', { class: 'reason refused', role: 'note', text: refusalWords(scene.refusal) }) : null,
      approval.state === 'REJECTED' && approval.feedback ? h('p', { class: 'note', text: `Your note: “${approval.feedback}”` }) : null,
      earlierAttempts(scene),
      scene.text ? h('p', { class: 'text', text: scene.text }) : null,
      actions));
    tiles.get(n).dataset.state = st;
  }

  function earlierAttempts(scene) {
    const earlier = scene.earlier || [];
    if (!earlier.length) return null;
    return h('details', { class: 'earlier' },
      h('summary', {}, `Earlier attempts (${earlier.length})`),
      h('ul', {}, earlier.map((a) => h('li', { 'data-attempt': a.attempt },
        `Attempt ${a.attempt}: `,
        a.status === 'FAILED' || a.status === 'SKIPPED' ? reasonInWords(a.error)
          : (a.status === 'READY' ? (a.decision === 'REJECTED' ? 'rejected by you, drawn again' : 'drawn, then redrawn at your request') : a.status.toLowerCase()),
        a.feedback ? ` — your note: “${a.feedback}”` : ''))));
  }

  function renderCounts() {
    let ready = 0;
    let approved = 0;
    for (const scene of model.scenes.values()) {
      if (scene.number === PORTRAIT) continue; // the counts are the 20 scenes'
      const st = tileState(scene);
      if (st === 'ready' || st === 'approved' || st === 'rejected' || st === 'refused') ready += 1;
      if (st === 'approved') approved += 1;
    }
    readyLabel.textContent = `${ready}/${TOTAL}`;
    approvedLabel.textContent = `${approved}/${TOTAL}`;
    readyBar.style.width = `${(ready / TOTAL) * 100}%`;
    approvedBar.style.width = `${(approved / TOTAL) * 100}%`;
    readyBar.parentElement.setAttribute('aria-valuenow', ready);
    approvedBar.parentElement.setAttribute('aria-valuenow', approved);
    completeEl.hidden = !(model.allApproved || approved === TOTAL);
    const scenes = [...model.scenes.values()];
    approveAllButton.hidden = !scenes.some((sc) => sc.approval && sc.approval.state === 'PENDING' && sc.image && sc.approval.attempt === sc.image.attempt);
    retryAllButton.hidden = !scenes.some((sc) => tileState(sc) === 'failed');
    film.setComplete(!completeEl.hidden);
  }

  function renderAll() {
    for (const n of tiles.keys()) renderTile(n);
    renderCounts();
  }

  function rejectForm(n) {
    openForms.add(n);
    rendered.delete(n); // the form replaces the buttons: the tile no longer shows what was rendered
    const note = h('textarea', { id: `feedback-${n}`, rows: 3, maxlength: 1000, placeholder: 'Optional: what should change?' });
    const form = h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        openForms.delete(n);
        await decide(n, 'reject', note.value.trim() || null);
      },
    },
      h('label', { for: `feedback-${n}`, text: n === PORTRAIT ? `What should change in ${heroName()}'s portrait?` : `What should change in scene ${n}?` }),
      note,
      h('div', { class: 'actions' },
        h('button', { class: 'small danger', type: 'submit' }, 'Reject and redraw'),
        h('button', { class: 'small', type: 'button', onclick: () => { openForms.delete(n); renderTile(n); } }, 'Cancel')));
    tiles.get(n).querySelector('.actions').replaceWith(form);
    note.focus();
  }

  async function decide(n, action, feedback) {
    ownChanges += 1;
    try {
      const body = action === 'reject' ? { action, feedback } : { action };
      await api('POST', `/api/stories/${id}/scenes/${n}/approval`, body);
      ownChanges += 1;
      const scene = model.scenes.get(n);
      const attempt = (scene.image && scene.image.attempt) || 1;
      scene.approval = { attempt, state: action === 'approve' ? 'APPROVED' : 'REJECTED', feedback };
      if (n === PORTRAIT) renderAll(); // the scenes stop (or go on) waiting for the portrait
      else renderTile(n);
      renderCounts();
    } catch (err) {
      showBanner('error', `${pictureName(n)}: ${err.message}`);
      renderTile(n);
    }
  }

  async function retry(n) {
    ownChanges += 1;
    try {
      await api('POST', `/api/stories/${id}/scenes/${n}/retry`);
      ownChanges += 1;
      const scene = model.scenes.get(n);
      scene.image = { ...(scene.image || {}), status: 'QUEUED', attempt: ((scene.image && scene.image.attempt) || 1) + 1, error: null };
      renderTile(n);
    } catch (err) {
      showBanner('error', `Scene ${n}: ${err.message}`);
    }
  }

  async function approveAll() {
    approveAllButton.disabled = true;
    ownChanges += 1;
    try {
      const done = await api('POST', `/api/stories/${id}/approve-all`);
      ownChanges += 1;
      for (const view of done.scenes || []) {
        const scene = model.scenes.get(view.sceneNumber);
        if (scene) scene.approval = { attempt: view.attempt, state: view.state, feedback: null };
      }
      renderAll();
    } catch (err) {
      showBanner('error', `Approve all: ${err.message}`);
    }
    approveAllButton.disabled = false;
  }

  async function retryFailed() {
    retryAllButton.disabled = true;
    ownChanges += 1;
    try {
      const done = await api('POST', `/api/stories/${id}/retry-failed`);
      ownChanges += 1;
      for (const view of done.scenes || []) {
        const scene = model.scenes.get(view.sceneNumber);
        if (!scene) continue;
        scene.earlier = [...(scene.earlier || []), { ...(scene.image || {}), attempt: view.attempt }];
        scene.image = { attempt: view.attempt + 1, status: 'QUEUED', url: null, error: null };
      }
      renderAll();
    } catch (err) {
      showBanner('error', `Retry all failed: ${err.message}`);
    }
    retryAllButton.disabled = false;
  }

  // -- applying events and snapshots

  function applyImage(ev) {
    const scene = model.scenes.get(ev.sceneNumber) || (tiles.has(ev.sceneNumber) ? { number: ev.sceneNumber } : null);
    if (!scene) return;
    model.scenes.set(ev.sceneNumber, scene);
    const known = scene.image || {};
    if ((known.attempt || 0) > ev.attempt) return; // an older attempt never overrides a newer one
    if (ev.status === 'GENERATING' && (known.status !== 'GENERATING' || known.attempt !== ev.attempt)) since.set(ev.sceneNumber, Date.now());
    if (known.attempt && known.attempt < ev.attempt && !(scene.earlier || []).some((a) => a.attempt === known.attempt)) {
      const decided = scene.approval && scene.approval.attempt === known.attempt ? scene.approval : {};
      scene.earlier = [...(scene.earlier || []), { ...known, decision: decided.state || null, feedback: decided.feedback || null }];
    }
    scene.image = { attempt: ev.attempt, status: ev.status, url: ev.imageUrl || (known.attempt === ev.attempt ? known.url : null), error: ev.error };
    renderTile(ev.sceneNumber);
    renderCounts();
  }

  function applyApproval(ev) {
    const scene = model.scenes.get(ev.sceneNumber);
    if (scene) {
      scene.approval = { attempt: ev.attempt, state: ev.decision, feedback: scene.approval && scene.approval.feedback };
      if (ev.sceneNumber === PORTRAIT) renderAll();
      else renderTile(ev.sceneNumber);
    }
    if (ev.allApproved) model.allApproved = true;
    renderCounts();
  }

  /** A rejected picture not redrawn for the budget: the tile says so until a new attempt starts. */
  function applyRefusal(ev) {
    const scene = ev.refusal && model.scenes.get(ev.refusal.sceneNumber);
    if (!scene) return;
    scene.refusal = ev.refusal;
    renderTile(ev.refusal.sceneNumber);
    renderCounts();
  }

  function applySnapshot(state) {
    model.story = state.story;
    for (const s of state.scenes) model.scenes.set(s.number, { ...s });
    model.allApproved = Boolean(state.allApproved);
    film.applySnapshot(state.film);
    renderAll();
  }

  // -- live updates: SSE first, polling when the stream cannot be held

  // Every event moves the board's stream position; the browser's own reconnects send it as
  // Last-Event-ID, and a new EventSource sends it as ?lastEventId= (the header wins when both come).
  function track(handler) {
    return (e) => {
      if (e.lastEventId) lastId = e.lastEventId;
      handler(JSON.parse(e.data));
    };
  }

  async function reload() {
    try {
      applySnapshot(await api('GET', `/api/stories/${id}`));
    } catch (err) {
      showBanner('error', `Updates paused: ${err.message}`);
    }
  }

  function startSse() {
    if (stopped || typeof EventSource === 'undefined') { startPolling(); return; }
    let opened = false;
    let failures = 0;
    const from = lastId ? `?lastEventId=${encodeURIComponent(lastId)}` : '';
    source = new EventSource(`/api/stories/${id}/events${from}`);
    const openTimer = setTimeout(() => { if (!opened) fallBack(); }, 8000);
    source.addEventListener('open', () => {
      opened = true;
      failures = 0;
      clearTimeout(openTimer);
      setMode('live');
    });
    source.addEventListener('image', track(applyImage));
    source.addEventListener('approval', track(applyApproval));
    source.addEventListener('all-approved', track(applyApproval));
    source.addEventListener('film', track((ev) => film.applyEvent(ev)));
    source.addEventListener('story', track((ev) => { model.story.status = ev.status; }));
    source.addEventListener('refused', track(applyRefusal));
    // The gateway no longer holds the events since our position (trimmed, or Redis restarted):
    // read the whole state again; the stream goes on from the position the event carries.
    source.addEventListener('reload', track(() => reload()));
    source.addEventListener('error', () => {
      failures += 1;
      // The browser reconnects by itself with Last-Event-ID; after repeated failures we poll.
      if (source.readyState === EventSource.CLOSED || failures >= 3) fallBack();
    });
  }

  function fallBack() {
    if (source) { source.close(); source = null; }
    startPolling();
    clearTimeout(retrySseTimer);
    retrySseTimer = setTimeout(() => { if (!stopped) { stopPolling(); startSse(); } }, 30000);
  }

  function startPolling() {
    setMode('polling');
    stopPolling();
    const poll = async () => {
      try {
        const asked = ownChanges;
        const state = await api('GET', `/api/stories/${id}`);
        if (asked !== ownChanges) return; // older than the reader's last change: the next poll is not
        applySnapshot(state);
        if (state.lastEventId) lastId = state.lastEventId; // the stream resumes from the last snapshot
      } catch (err) {
        showBanner('error', `Updates paused: ${err.message}`);
      }
    };
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  function setMode(m) {
    mode = m;
    document.body.dataset.updates = m;
    if (m === 'live') showBanner('live', 'Live: pictures appear the moment they are ready.');
    else showBanner('polling', `The live stream is unavailable, so the board refreshes every ${POLL_MS / 1000} seconds.`);
  }

  renderAll();
  // Test hook: a test may hold the first connection to make "an event between the snapshot and
  // the stream" deterministic.
  Promise.resolve(window.taleforgeBeforeStream ? window.taleforgeBeforeStream() : null).then(() => startSse());
  tick = setInterval(() => {
    for (const el of main.querySelectorAll('.elapsed')) {
      el.textContent = `${el.dataset.verb || 'Drawing'}… ${Math.round((Date.now() - Number(el.dataset.since)) / 1000)} s`;
    }
  }, 1000);

  // Test hook: lets the browser test cut the stream to check that polling takes over.
  window.taleforgeCutStream = () => fallBack();
  window.taleforgeUpdateMode = () => mode;

  return () => {
    stopped = true;
    if (source) source.close();
    stopPolling();
    clearTimeout(retrySseTimer);
    clearInterval(tick);
  };
}
