// The storybook in the browser (/stories/<id>/book): a title page, then a page per scene with its
// picture and text. Turn pages with the buttons, the arrow keys (also Page Up/Down, Home, End) or
// a swipe; printing gives one scene per sheet (book.css). Plain modern JavaScript, no build step.

import { h } from './dom.js';

const root = document.getElementById('book');
const match = location.pathname.match(/^\/stories\/([0-9a-fA-F-]{36})\/book\/?$/);
const id = match && match[1];

function problemView(status, problem) {
  const words = status === 409
    ? 'This storybook is not ready yet: every picture must be approved first.'
    : status === 404 ? 'This story does not exist, or it is not yours.'
      : (problem && (problem.detail || problem.title)) || 'The storybook could not be opened.';
  root.replaceChildren(h('div', { class: 'card empty' },
    h('h1', { text: 'No storybook yet' }),
    h('p', { class: 'error', text: words }),
    h('a', { class: 'button', href: id ? `/#/story/${id}` : '/#/' }, 'Back to the board')));
}

function heroLine(hero) {
  return hero ? `The story of ${hero.name}, a ${hero.trait} ${hero.species}` : '';
}

function titlePage(book) {
  const cover = book.pages.length ? book.pages[book.pages.length - 1].imageUrl : null;
  return h('section', { class: 'page title-page', 'aria-label': 'Title page' },
    h('h1', { text: book.title }),
    h('p', { class: 'hero', text: heroLine(book.hero) }),
    cover ? h('img', { src: cover, alt: `The closing picture of ${book.title}` }) : null,
    h('p', { class: 'reader-choices', text: book.choices }));
}

function scenePage(page, total) {
  return h('section', { class: 'page scene-page', 'aria-label': `Scene ${page.number}`, 'data-scene': page.number },
    h('figure', {}, h('img', { src: page.imageUrl, alt: `Picture for scene ${page.number}` })),
    h('p', { class: 'text', text: page.text }),
    h('p', { class: 'folio', text: `${page.number} / ${total}` }));
}

function render(book) {
  document.title = `${book.title} · Storybook · Taleforge`;
  document.getElementById('to-board').href = `/#/story/${id}`;
  const pdf = document.getElementById('pdf');
  pdf.href = `/api/stories/${id}/book.pdf`;
  pdf.hidden = false;
  const pages = [titlePage(book), ...book.pages.map((p) => scenePage(p, book.pages.length))];
  const prev = h('button', { type: 'button', class: 'small', 'aria-label': 'Previous page' }, '‹ Previous');
  const next = h('button', { type: 'button', class: 'small primary', 'aria-label': 'Next page' }, 'Next ›');
  const where = h('span', { class: 'where', role: 'status', 'aria-live': 'polite' });
  const leaves = h('div', { class: 'leaves' }, pages);
  root.replaceChildren(leaves, h('div', { class: 'turns' }, prev, where, next));

  let at = 0;
  function show(i) {
    at = Math.max(0, Math.min(pages.length - 1, i));
    pages.forEach((p, n) => { p.classList.toggle('current', n === at); p.setAttribute('aria-hidden', n === at ? 'false' : 'true'); });
    where.textContent = at === 0 ? `Title page · ${pages.length - 1} scenes` : `Scene ${at} of ${pages.length - 1}`;
    prev.disabled = at === 0;
    next.disabled = at === pages.length - 1;
    document.body.dataset.page = String(at);
    history.replaceState(null, '', `#${at}`);
  }
  prev.addEventListener('click', () => show(at - 1));
  next.addEventListener('click', () => show(at + 1));
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = { ArrowRight: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, PageUp: -1 }[e.key];
    if (step) { e.preventDefault(); show(at + step); } else if (e.key === 'Home') show(0); else if (e.key === 'End') show(pages.length - 1);
  });
  let startX = null;
  leaves.addEventListener('touchstart', (e) => { startX = e.changedTouches[0].clientX; }, { passive: true });
  leaves.addEventListener('touchend', (e) => {
    if (startX === null) return;
    const dx = e.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) show(at + (dx < 0 ? 1 : -1));
  });
  show(Number.parseInt(location.hash.slice(1), 10) || 0);
  root.focus({ preventScroll: true });
}

async function open() {
  if (!id) { problemView(404); return; }
  let res;
  try {
    res = await fetch(`/api/stories/${id}/book`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch (e) {
    problemView(0, { title: 'Taleforge cannot be reached. Check your connection and try again.' });
    return;
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) { problemView(res.status, body); return; }
  render(body);
}

open();
