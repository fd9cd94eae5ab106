// The scene editor's live part while a story is being written: each `scene` event of the story's
// stream (story-service's scene-written, through the gateway's replay buffer) fills its slot the
// moment the writer completed it; `story` says when the writing ended. Polling when no stream.

/** The arc stage of scenes 1..20 (story-service's ArcStage), to lay out the slots before they are written. */
export const SCENE_STAGES = [
  'underdog', 'underdog', 'underdog', 'underdog', 'discovery', 'discovery', 'first-failure', 'first-failure',
  'training', 'training', 'transformation', 'transformation', 'display-of-power', 'display-of-power',
  'challenge', 'challenge', 'challenge', 'challenge', 'challenge', 'triumph',
];

const POLL_MS = 3000;

/** A scene-written event as the editor's scene. */
export function writtenScene(ev) {
  return { number: ev.sceneNumber, stage: ev.stage, text: ev.text, placeholder: ev.placeholder, note: ev.reason };
}

/**
 * Follows the story's events from `lastId`: `on.scene(scene)`, `on.story(event)`, and
 * `on.reload()` when the stream lost the gap or cannot be held (then every 3 s). Returns the stop.
 */
export function followWriting(id, lastId, on) {
  let source = null;
  let timer = null;
  let closed = false;
  const track = (handler) => (e) => {
    if (e.lastEventId) lastId = e.lastEventId;
    handler(JSON.parse(e.data));
  };
  const poll = () => {
    if (!closed && !timer) timer = setInterval(() => on.reload(), POLL_MS);
  };
  if (typeof EventSource === 'undefined') {
    poll();
  } else {
    // without a position, everything kept: a scene already shown is not shown twice
    source = new EventSource(`/api/stories/${id}/events?lastEventId=${encodeURIComponent(lastId || '0-0')}`);
    source.addEventListener('scene', track((ev) => on.scene(writtenScene(ev))));
    source.addEventListener('story', track(on.story));
    source.addEventListener('reload', track(() => on.reload()));
    source.addEventListener('error', () => {
      if (source && source.readyState === EventSource.CLOSED) { source = null; poll(); }
    });
  }
  return () => {
    closed = true;
    if (source) source.close();
    clearInterval(timer);
  };
}
