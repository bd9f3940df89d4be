// GMI calculator engine, page side: starts the module worker (gmi-worker.mjs) that runs the scoring engine — or
// adopts the one overrides/main.html started in the page's <head> — and registers the service worker that keeps the
// calculator working offline.  The form/summary code (gmi-calculator.js) only sees startEngine().
//
//   const engine = startEngine({ language, onProgress(step, percent) });
//   engine.ready       -> Promise<names>   (rejects with an Error whose message says what failed)
//   engine.score(text) -> Promise<{result, radar, messages}>
//   engine.compare(oldText, newText) -> Promise<{comparison, text, chart}>   (gmi compare --format json, its words)
//   engine.peers(assessmentText, pilotsText) -> Promise<{peers, text}>       (the reader among the pilots)
//   runningEngine() -> the engine startEngine() started (gmi-compare.js uses it), or null
//   engine.info        -> {source: "snapshot" | "fresh", timings: {...}, snapshot: {...}}  (also window.gmiEngine)

const WORKER_URL = new URL("gmi-worker.mjs", import.meta.url);
const SERVICE_WORKER_URL = new URL("../../sw.js", import.meta.url); // at the site root, so it covers every page

let running = null;

// An assessment as JSON text: a text (a file as read) is passed as it is, an object is serialised.
export const asJson = (assessment) => (typeof assessment === "string" ? assessment : JSON.stringify(assessment));

export function runningEngine() {
  return running;
}

export function startEngine({ language, onProgress = () => {} }) {
  const info = { source: "", timings: {}, snapshot: null };
  window.gmiEngine = info;
  const pending = new Map();
  let nextId = 1;
  let worker = null;
  let resolveReady;
  let rejectReady;
  const ready = new Promise((ok, bad) => {
    resolveReady = ok;
    rejectReady = bad;
  });
  ready.catch(() => {});

  function fail(error) {
    rejectReady(error);
    for (const [, entry] of pending) entry.reject(error);
    pending.clear();
  }

  const onMessage = (event) => {
    const message = event.data || {};
    if (message.type === "progress") onProgress(message.step, message.percent);
    else if (message.type === "ready") {
      Object.assign(info, message.engine || {});
      resolveReady(message.names);
      registerServiceWorker();
    } else if (message.type === "snapshot") info.snapshot = message;
    else if (message.type === "error") fail(new Error(message.error));
    else if (pending.has(message.id)) {
      const entry = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === "result") entry.resolve(message);
      else entry.reject(new Error(message.error));
    }
  };
  const onError = (event) => {
    event.preventDefault();
    fail(new Error(event.message || "worker error"));
  };

  try {
    const early = window.__gmiEarlyWorker;
    delete window.__gmiEarlyWorker;
    worker = early ? early.worker : new Worker(WORKER_URL, { type: "module" });
    worker.onmessage = onMessage;
    worker.onerror = onError;
    if (early) {
      for (const event of early.queue) (event.type === "error" ? onError : onMessage)(event);
    } else {
      worker.postMessage({ type: "init", language });
    }
  } catch (error) {
    fail(error instanceof Error ? error : new Error(String(error)));
  }

  function ask(message) {
    return ready.then(
      () =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ ...message, id, language });
        }),
    );
  }

  const score = (assessmentText) => ask({ type: "score", assessment: assessmentText });
  const compare = (oldText, newText) => ask({ type: "compare", old: oldText, new: newText });
  const peers = (assessmentText, pilotsText) => ask({ type: "peers", assessment: assessmentText, pilots: pilotsText });

  running = { ready, score, compare, peers, info, fail };
  return running;
}

// ---- Offline (service worker) ---------------------------------------------------------------------------------

function registerServiceWorker() {
  // After the engine is ready, so its install (which reuses what this visit already downloaded) never competes
  // with the first result.
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  navigator.serviceWorker
    .register(SERVICE_WORKER_URL, { type: "classic" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // This page was loaded before the service worker existed: ask it to keep a copy for offline use.
      if (registration.active) registration.active.postMessage({ type: "keep", urls: [location.href] });
    })
    .catch(() => {
      /* no offline copy; the calculator works as before */
    });
}
