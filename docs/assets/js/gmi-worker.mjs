// GMI calculator worker (module worker): runs the scoring engine in Pyodide, off the page's main thread.
// Every URL is resolved against this file, so the site works from any sub-path and language depth.
// Messages in:  {type: "init", language}  then  {id, type: "score", assessment: <JSON text>}
// Messages out: {type: "progress", step, percent} | {type: "ready", names, engine} | {type: "error", error}
//               {id, type: "result", result: <JSON text>, radar: <svg text or null>, messages: [{field, text, severity}],
//                missing: {indicator id: "input names"}}   (calculator.browser.page_reply; scored partially)
//               {type: "snapshot", stored: bool, ms, bytes, error?}   (after the first result of a fresh load)
// Compare:      {id, type: "compare", old: <JSON text>, new: <JSON text>, language}
//               -> {id, type: "result", comparison: <the gmi compare --format json object>, text: {...}, chart: svg|null}
//               {id, type: "peers", assessment: <JSON text>, pilots: <JSON text {name: assessment}>, language}
//               -> {id, type: "result", peers: {...}, text: {...}}   (calculator/compare_view.py)
//
// Return visits in a fraction of a second: after a fresh load (runtime, engine wheel, the reader's framework) the
// worker makes a Pyodide memory snapshot in the reader's own browser and keeps it in Cache Storage, keyed by the
// runtime, wheel and framework hashes of assets/gmi/engine.json plus this file's setup code.  The next visit
// restores it instead of loading.  Memory snapshots are a private API of the pinned Pyodide (314.0.7), so any
// failure, mismatch or corrupt snapshot is thrown away and the normal load runs instead.

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const MANIFEST_URL = new URL("../gmi/engine.json", import.meta.url).href;
const PACKAGE = "gmi-calculator";
const SNAPSHOT_CACHE = "gmi-snapshot";
const SNAPSHOT_PREFIX = new URL("../gmi/__snapshot/", import.meta.url).href; // Cache Storage keys only, never fetched

let pyodide = null;
let scoreFn = null;
let readyPromise = null;
let pendingSnapshot = null; // the key to store a snapshot under once the first result is out
const engine = { source: "", timings: {}, key: "" };

function progress(step, percent) {
  self.postMessage({ type: "progress", step, percent });
}

function mark(name, since) {
  engine.timings[name] = Math.round(performance.now() - since);
}

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

const SETUP = `
import json
import calculator, calculator.browser, calculator.language_bundle  # all in memory before a snapshot
from calculator.browser import display_names, page_reply
from calculator.language_bundle import load_for_language
from calculator.messages import text as _text
from calculator.compare_view import compare_reply, peers_reply  # the "compare" and "peers" messages

_framework = load_for_language(json.loads(_framework_text), _language)
_snapshot_key = _key
del _framework_text, _key

def _names(language):
    return display_names(_framework, language)

def _score(assessment_text, language):
    return page_reply(_framework, assessment_text, language)
`;

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// ---- Snapshots in Cache Storage ----------------------------------------------------------------------------

function snapshotsPossible() {
  return typeof caches !== "undefined" && self.isSecureContext !== false;
}

async function readSnapshot() {
  // The browser keeps one snapshot (storeSnapshot drops the others), so it is read while the manifest is fetched;
  // its key is checked once the manifest is in.
  if (!snapshotsPossible()) return null;
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const [request] = await cache.keys();
    const response = request && (await cache.match(request));
    return response ? { url: request.url, bytes: new Uint8Array(await response.arrayBuffer()) } : null;
  } catch (error) {
    return null;
  }
}

async function dropSnapshots(keep = "") {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) {
      if (request.url !== SNAPSHOT_PREFIX + keep) await cache.delete(request);
    }
  } catch (error) {
    /* nothing to drop */
  }
}

async function storeSnapshot(key) {
  const start = performance.now();
  try {
    const bytes = pyodide.makeMemorySnapshot();
    const made = performance.now();
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.put(
      SNAPSHOT_PREFIX + key,
      new Response(bytes, { headers: { "Content-Type": "application/octet-stream", "Content-Length": String(bytes.length) } }),
    );
    await dropSnapshots(key); // one snapshot per browser: older editions and other languages go
    engine.timings.snapshot_make = Math.round(made - start);
    engine.timings.snapshot_store = Math.round(performance.now() - made);
    self.postMessage({ type: "snapshot", stored: true, bytes: bytes.length, ms: engine.timings });
  } catch (error) {
    self.postMessage({ type: "snapshot", stored: false, error: String((error && error.message) || error) });
  }
}

// ---- Start-up ------------------------------------------------------------------------------------------------

async function fetchChecked(url, sha256) {
  const bytes = new Uint8Array(await (await fetchOk(url)).arrayBuffer());
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  if (hex !== sha256) throw new Error(`${url}: not the file the manifest lists (sha256 ${hex})`);
  return bytes;
}

function engineFiles(plan) {
  // The wheel and the reader's framework, checked against the manifest's sha256.
  const base = new URL(plan.manifest.base, MANIFEST_URL);
  const wheel = plan.manifest.lock.packages[PACKAGE];
  const framework = plan.manifest.frameworks[plan.language];
  const files = {
    wheel: fetchChecked(new URL(wheel.file_name, base), wheel.sha256),
    framework: fetchChecked(new URL(framework.file, base), framework.sha256),
  };
  files.wheel.catch(() => {});
  files.framework.catch(() => {});
  return files;
}

async function freshLoad(loadPyodide, options, planned, files) {
  const start = performance.now();
  const instance = await loadPyodide({ ...options, _makeSnapshot: snapshotsPossible() });
  mark("runtime", start);
  progress("engine", 60);
  const plan = await planned;
  const { wheel, framework } = await files;
  // The wheel is unpacked by Python's zipfile, not pyodide.loadPackage: a loaded package leaves a JavaScript
  // object in Pyodide's tables that makeMemorySnapshot refuses ("Unexpected hiwire entry at index 6").
  instance.FS.writeFile("/tmp/gmi-engine.whl", await wheel);
  instance.runPython(
    "import importlib, site, zipfile\n" +
      "with zipfile.ZipFile('/tmp/gmi-engine.whl') as wheel: wheel.extractall(site.getsitepackages()[0])\n" +
      "importlib.invalidate_caches()",
  );
  mark("engine", start);
  progress("framework", 85);
  instance.globals.set("_framework_text", new TextDecoder().decode(await framework));
  instance.globals.set("_language", plan.language);
  instance.globals.set("_key", plan.key);
  instance.runPython(SETUP);
  mark("framework", start);
  return instance;
}

async function fromSnapshot(loadPyodide, options, key, snapshot) {
  const start = performance.now();
  if (snapshot.url !== SNAPSHOT_PREFIX + key) {
    await dropSnapshots(); // another edition's or language's snapshot
    return null;
  }
  try {
    const instance = await loadPyodide({ ...options, _loadSnapshot: snapshot.bytes });
    if (instance.globals.get("_snapshot_key") !== key) throw new Error("the snapshot belongs to another edition");
    mark("snapshot_restore", start);
    return instance;
  } catch (error) {
    engine.timings.snapshot_discarded = String((error && error.message) || error);
    await dropSnapshots();
    return null;
  }
}

async function planFor(requested, manifestPromise) {
  const manifest = await manifestPromise;
  const language = manifest.frameworks[requested] ? requested : "en";
  const parts = [manifest.runtime, manifest.lock.packages[PACKAGE].sha256, manifest.frameworks[language].sha256];
  const key = await sha256Hex([...parts, language, await sha256Hex(SETUP)].join("\n"));
  return { manifest, language, key };
}

async function init(requested) {
  const start = performance.now();
  progress("runtime", 5);
  // Everything starts at once: the runtime module, the stored snapshot, the manifest (revalidated every time,
  // so a new edition is seen at once), and — when there is no snapshot — the engine files.
  const runtime = import(INDEX_URL + "pyodide.mjs");
  const stored = readSnapshot();
  const manifest = fetchOk(MANIFEST_URL, { cache: "no-cache" }).then((response) => response.json());
  manifest.catch(() => {});
  const planned = planFor(requested, manifest);
  planned.catch(() => {});
  const files = stored.then((snapshot) => (snapshot ? null : planned.then(engineFiles)));
  files.catch(() => {});
  const options = {
    indexURL: INDEX_URL,
    // Lists only the engine wheel (Pyodide's own lock would be 119 KB); a promise, so a fresh load need not
    // wait for the manifest.
    lockFileContents: manifest.then((data) => data.lock),
    packageBaseUrl: new URL("../gmi/", import.meta.url).href,
  };
  const { loadPyodide } = await runtime;
  const snapshot = await stored;
  if (snapshot) {
    mark("snapshot_read", start);
    const plan = await planned;
    engine.key = plan.key;
    pyodide = await fromSnapshot(loadPyodide, options, plan.key, snapshot);
  }
  engine.source = pyodide ? "snapshot" : "fresh";
  if (!pyodide) {
    pyodide = await freshLoad(loadPyodide, options, planned, (await files) || planned.then(engineFiles));
    engine.key = (await planned).key;
    if (snapshotsPossible()) pendingSnapshot = engine.key;
  }
  const language = (await planned).language;
  scoreFn = pyodide.globals.get("_score");
  const names = pyodide.globals.get("_names")(language).toJs({ dict_converter: Object.fromEntries });
  mark("ready", start);
  progress("ready", 100);
  return names;
}

function snapshotSoon() {
  // After the first result (never before it): the snapshot copies the whole memory, then Cache Storage writes it.
  if (!pendingSnapshot) return;
  const key = pendingSnapshot;
  pendingSnapshot = null;
  setTimeout(() => storeSnapshot(key), 0);
}

// The comparison of two years and the place among the pilots (calculator/compare_view.py): JSON text in and out.
function compareOp(message) {
  const language = String(message.language || "en");
  const framework = pyodide.globals.get("_framework");
  const fn = pyodide.globals.get(message.type === "compare" ? "compare_reply" : "peers_reply");
  try {
    return message.type === "compare"
      ? fn(framework, String(message.old), String(message.new), language)
      : fn(framework, String(message.assessment), String(message.pilots), language);
  } finally {
    fn.destroy();
    framework.destroy();
  }
}

self.onmessage = async (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    if (!readyPromise) readyPromise = init(String(message.language || "en"));
    try {
      const names = await readyPromise;
      self.postMessage({ type: "ready", names, engine });
      setTimeout(snapshotSoon, 3000); // a page that never asks for a score still gets its snapshot
    } catch (error) {
      self.postMessage({ type: "error", error: String((error && error.message) || error) });
    }
    return;
  }
  if (message.type === "compare" || message.type === "peers") {
    try {
      await readyPromise;
      self.postMessage({ id: message.id, type: "result", ...JSON.parse(compareOp(message)) });
    } catch (error) {
      self.postMessage({ id: message.id, type: "failed", error: String((error && error.message) || error) });
    }
    return;
  }
  if (message.type === "score") {
    try {
      await readyPromise;
      const reply = JSON.parse(scoreFn(String(message.assessment), String(message.language || "en")));
      self.postMessage({ id: message.id, type: "result", ...reply });
      snapshotSoon();
    } catch (error) {
      self.postMessage({ id: message.id, type: "failed", error: String((error && error.message) || error) });
    }
  }
};
