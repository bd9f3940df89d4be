// GMI calculator worker (module worker): runs the scoring engine in Pyodide, off the page's main thread.
// Every URL is resolved against this file, so the site works from any sub-path and language depth.
// Messages in:  {type: "init", language}  then  {id, type: "score", assessment: <JSON text>}
// Messages out: {type: "progress", step, percent} | {type: "ready", names} | {type: "error", error}
//               {id, type: "result", result: <JSON text>, radar: <svg text or null>, messages: [{field, text, severity}]}

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const LOCK_URL = new URL("../gmi/pyodide-lock.json", import.meta.url).href;
const FRAMEWORK_URL = new URL("../gmi/framework.json", import.meta.url).href;
const PACKAGE = "gmi-calculator";

let pyodide = null;
let scoreFn = null;
let readyPromise = null;

function progress(step, percent) {
  self.postMessage({ type: "progress", step, percent });
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

const SETUP = `
import json
from calculator import field_label, load_framework, score_json, radar_svg, render
from calculator.messages import text as _text

_framework = load_framework(json.loads(_framework_text))
del _framework_text

def _names(language):
    f = _framework
    main = f.main
    t = lambda texts: "" if texts is None else _text(texts, language)
    units = {**f.bundle["factors.yaml"]["factor_units"], **main["units"]}
    return {
        "labels": {key: t(value) for key, value in f.labels.items()},
        "units": {key: t(value) for key, value in units.items()},
        "indicators": {i.id: t(f.entries[i.id]["name"]) for i in f.indicators},
        "dimensions": {d["id"]: t(d["name"]) for d in main["dimensions"]},
        "bands": {b["id"]: t(b["name"]) for b in main["rating_bands"]},
        "gate": {g["id"]: t(g["text"]) for g in main["gate"]},
        "factors": {k: t(v.get("name")) for k, v in f.bundle["factors.yaml"]["emission_factors"].items()},
        "sources": {k: f"{v['title']}, {v['publisher']}, {v['year']}" for k, v in f.bundle["sources.yaml"]["sources"].items()},
        "inputs": {k: field_label(f, "data." + k, language) for k in f.inputs},
    }

def _score(assessment_text, language):
    result_text = score_json(_framework, assessment_text)
    result = json.loads(result_text)
    try:
        radar = radar_svg(result, _framework, language) if result.get("valid") else None
    except Exception:
        radar = None
    messages = [
        {"field": m.get("field", ""), "text": render(m, _framework, language), "severity": m.get("severity", "error")}
        for m in result.get("messages", [])
    ]
    return json.dumps({"result": result_text, "radar": radar, "messages": messages}, ensure_ascii=False)
`;

async function init(language) {
  progress("runtime", 5);
  // Warm the HTTP cache with the engine wheel while the runtime loads (loadPackage fetches it by name later).
  fetch(LOCK_URL)
    .then((response) => response.json())
    .then((lock) => fetch(new URL(lock.packages[PACKAGE].file_name, LOCK_URL)))
    .catch(() => {});
  const { loadPyodide } = await import(INDEX_URL + "pyodide.mjs");
  const frameworkText = fetchText(FRAMEWORK_URL); // in parallel with the runtime
  frameworkText.catch(() => {});
  pyodide = await loadPyodide({ indexURL: INDEX_URL, lockFileURL: LOCK_URL });
  progress("engine", 60);
  const errors = [];
  const loaded = await pyodide.loadPackage(PACKAGE, {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
    checkIntegrity: true,
  });
  if (!loaded || !loaded.some((p) => p.name === PACKAGE)) {
    throw new Error(`the engine package did not load${errors.length ? ": " + errors.join("; ") : ""}`);
  }
  progress("framework", 85);
  pyodide.globals.set("_framework_text", await frameworkText);
  pyodide.runPython(SETUP);
  scoreFn = pyodide.globals.get("_score");
  const names = pyodide.globals.get("_names")(language).toJs({ dict_converter: Object.fromEntries });
  progress("ready", 100);
  return names;
}

self.onmessage = async (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    if (!readyPromise) readyPromise = init(String(message.language || "en"));
    try {
      const names = await readyPromise;
      self.postMessage({ type: "ready", names });
    } catch (error) {
      self.postMessage({ type: "error", error: String((error && error.message) || error) });
    }
    return;
  }
  if (message.type === "score") {
    try {
      await readyPromise;
      const reply = JSON.parse(scoreFn(String(message.assessment), String(message.language || "en")));
      self.postMessage({ id: message.id, type: "result", ...reply });
    } catch (error) {
      self.postMessage({ id: message.id, type: "failed", error: String((error && error.message) || error) });
    }
  }
};
