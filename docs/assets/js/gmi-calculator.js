// GMI self-scoring calculator: the page side.  The form is static HTML (usable before Python loads); the engine
// runs in a module worker (gmi-worker.mjs).  User-provided strings are only ever set with textContent / values.
// API: window.gmi = {ready, score(assessment), load(assessment), assessment()}.

import { startEngine } from "./gmi-engine.js";
import { asJson, runningEngine } from "./gmi-engine.js"; // window.gmi.compare (gmi-compare.js does the rest)

const root = document.getElementById("gmi-calculator");

const STORAGE_KEY = "gmi-assessment-v2";
const OLD_STORAGE_KEYS = ["gmi-assessment-v1"]; // autosaves of earlier format versions, migrated by the engine
const FORMAT_VERSION = 2;
const LOAD_TIMEOUT_MS = 60000;
const DEBOUNCE_MS = 150;
const own = (object, key) =>
  object !== null && typeof object === "object" && !Array.isArray(object) && Object.prototype.hasOwnProperty.call(object, key)
    ? object[key]
    : undefined;

if (root) start();

function start() {
  const language = root.dataset.language || "en";
  const edition = root.dataset.edition || "";
  const MAX_FILE_BYTES = Number(root.dataset.maxBytes); // the engine's limit (calculator.source), set by the page
  const form = document.getElementById("gmi-form");
  const str = (key) => root.getAttribute("data-s-" + key.replace(/_/g, "-")) || key;
  const $ = (id) => document.getElementById(id);
  const numberFormat = (value, digits = 2) =>
    typeof value === "number" ? value.toLocaleString(language, { maximumFractionDigits: digits }) : "–";

  // ---- Progress -------------------------------------------------------------------------------------------
  const progressBox = $("gmi-progress");
  const progressBar = $("gmi-progress-bar");
  const progressText = $("gmi-progress-text");
  function showProgress(step, percent) {
    progressBar.value = percent;
    progressText.textContent = `${str("calc_step_" + step)} – ${percent} %`;
    progressBox.dataset.state = step === "ready" ? "ready" : "loading";
  }
  function showLoadError(text) {
    progressBox.dataset.state = "error";
    progressBar.hidden = true;
    progressText.textContent = text;
    $("gmi-progress-note").hidden = true;
  }

  // ---- Engine (gmi-engine.js: the worker's start-up, its memory snapshot and the offline service worker) ----
  let names = null;
  let engine = null;
  let rejectReady;
  const ready = new Promise((ok, bad) => {
    rejectReady = bad;
    if (location.protocol === "file:") return;
    engine = startEngine({ language, onProgress: showProgress });
    engine.ready.then((engineNames) => {
      names = engineNames;
      showProgress("ready", 100);
      ok();
    }, bad);
  });
  ready.catch(() => {});

  function fail(text) {
    showLoadError(text);
    rejectReady(new Error(text));
    if (engine) engine.fail(new Error(text));
  }

  if (location.protocol === "file:") fail(str("calc_error_file"));
  else {
    const timer = setTimeout(() => fail(str("calc_error_timeout")), LOAD_TIMEOUT_MS);
    ready.then(
      () => clearTimeout(timer),
      (error) => {
        clearTimeout(timer);
        if (progressBox.dataset.state !== "error") showLoadError(`${str("calc_error_load")} ${error.message || error}`);
      },
    );
  }

  function request(assessmentText) {
    return ready.then(() => engine.score(assessmentText));
  }

  // ---- Form <-> assessment ---------------------------------------------------------------------------------
  const byName = (name) => form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
  const fieldNames = [...new Set([...form.elements].map((el) => el.name).filter(Boolean))];

  function parseNumber(text) {
    const cleaned = text.replace(/[\s,_]/g, "");
    if (cleaned === "") return null;
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned) ? Number(cleaned) : text.trim();
  }

  function radioValue(name) {
    const checked = form.querySelector(`[name="${CSS.escape(name)}"]:checked`);
    return checked ? checked.value : "";
  }

  function buildAssessment() {
    const value = (name) => byName(name)[0].value;
    const benchmarkSet = value("benchmark_set");
    const assessment = {
      format: "gmi-assessment",
      format_version: FORMAT_VERSION,
      framework_edition: edition,
      organisation: value("organisation"),
      sector: value("sector"),
      region: value("region") || null,
      reporting_year: parseNumber(value("reporting_year")),
      period_start_month: parseNumber(value("period_start_month")),
      benchmark_set: benchmarkSet,
      custom_benchmarks: {},
      money_unit: value("money_unit"),
      exchange_rate: parseNumber(value("exchange_rate")),
      exchange_rate_source: value("exchange_rate_source").trim() || null,
      units: {},
      other_fuel: {},
      reported_source: value("reported_source").trim() || null,
      gate: {},
      data: {},
      levels: {},
      selections: {},
      notes: {},
    };
    for (const name of fieldNames) {
      const [head, key, end] = name.split(".");
      if (head === "gate") {
        const chosen = radioValue(name);
        assessment.gate[key] = chosen === "" ? null : chosen === "true";
      } else if (head === "data") {
        assessment.data[key] = parseNumber(value(name));
      } else if (head === "units") {
        const select = byName(name)[0];
        if (select.selectedIndex > 0) assessment.units[key] = select.value;
      } else if (head === "other_fuel") {
        const text = value(name).trim();
        if (text !== "") assessment.other_fuel[key] = text;
      } else if (head === "levels") {
        const chosen = radioValue(name);
        assessment.levels[key] = chosen === "" ? null : Number(chosen);
      } else if (head === "selections") {
        const none = form.querySelector(`[data-none-for="${CSS.escape(name)}"]`);
        const chosen = [...byName(name)].filter((box) => box.checked).map((box) => box.value);
        assessment.selections[key] = chosen.length ? chosen : none && none.checked ? [] : null;
      } else if (head === "notes") {
        const text = value(name);
        if (text.trim() !== "") assessment.notes[key] = text;
      } else if (head === "custom_benchmarks" && benchmarkSet === "custom" && end === "baseline") {
        const baseline = parseNumber(value(name));
        const leading = parseNumber(value(`custom_benchmarks.${key}.leading`));
        if (baseline !== null || leading !== null) assessment.custom_benchmarks[key] = { baseline, leading };
      }
    }
    return assessment;
  }

  const asText = (item) =>
    item === null || item === undefined ? "" : typeof item === "string" || typeof item === "number" ? String(item) : "";

  function fillForm(source) {
    form.reset();
    for (const name of ["organisation", "sector", "reporting_year", "exchange_rate", "exchange_rate_source", "reported_source"]) {
      byName(name)[0].value = asText(own(source, name));
    }
    for (const name of ["region", "benchmark_set", "money_unit", "period_start_month"]) {
      const select = byName(name)[0];
      const wanted = asText(own(source, name));
      if ([...select.options].some((option) => option.value === wanted)) select.value = wanted;
    }
    for (const name of fieldNames) {
      const [head, key, end] = name.split(".");
      const section = own(source, head);
      if (!["gate", "data", "levels", "selections", "notes", "custom_benchmarks", "units", "other_fuel"].includes(head)) continue;
      const item = own(section, key);
      if (head === "data" || head === "notes" || head === "other_fuel") {
        byName(name)[0].value = asText(item);
      } else if (head === "units") {
        const select = byName(name)[0];
        const wanted = asText(item);
        if ([...select.options].some((option) => option.value === wanted)) select.value = wanted;
      } else if (head === "custom_benchmarks") {
        byName(name)[0].value = asText(own(item, end));
      } else if (head === "gate") {
        const wanted = item === true ? "true" : item === false ? "false" : "";
        for (const radio of byName(name)) radio.checked = radio.value === wanted;
      } else if (head === "levels") {
        const wanted = typeof item === "number" ? String(item) : "";
        const radios = [...byName(name)];
        const match = radios.find((radio) => radio.value === wanted) || radios.find((radio) => radio.value === "");
        match.checked = true;
      } else if (head === "selections") {
        const chosen = Array.isArray(item) ? item.filter((entry) => typeof entry === "string") : [];
        for (const box of byName(name)) box.checked = chosen.includes(box.value);
        const none = form.querySelector(`[data-none-for="${CSS.escape(name)}"]`);
        if (none) none.checked = Array.isArray(item) && item.length === 0;
      }
    }
    syncCustom();
    changed();
  }

  function syncCustom() {
    root.toggleAttribute("data-custom", byName("benchmark_set")[0].value === "custom");
  }

  // ---- Results ---------------------------------------------------------------------------------------------
  const label = (key) => (names && names.labels[key]) || key;
  const indicatorName = (id) => (names && names.indicators[id]) || id;

  function guidanceLink(id) {
    const link = document.createElement("a");
    link.href = `../indicators/${encodeURIComponent(id)}/`;
    link.textContent = indicatorName(id);
    return link;
  }

  function cells(row, values) {
    for (const value of values) {
      const cell = document.createElement("td");
      if (value instanceof Node) cell.append(value);
      else cell.textContent = value;
      row.append(cell);
    }
  }

  function fieldContainer(field) {
    const parts = field.split(".");
    while (parts.length) {
      const found = form.querySelector(`[data-field="${CSS.escape(parts.join("."))}"]`);
      if (found) return found;
      parts.pop();
    }
    return null;
  }

  function clearFieldMessages() {
    for (const note of form.querySelectorAll(".gmi-msg")) note.remove();
    for (const el of form.querySelectorAll("[data-gmi-described]")) {
      const base = el.getAttribute("data-gmi-described");
      if (base) el.setAttribute("aria-describedby", base);
      else el.removeAttribute("aria-describedby");
      el.removeAttribute("data-gmi-described");
      el.removeAttribute("aria-invalid");
    }
  }

  function describe(el, id, severity) {
    if (!el.hasAttribute("data-gmi-described")) el.setAttribute("data-gmi-described", el.getAttribute("aria-describedby") || "");
    el.setAttribute("aria-describedby", `${el.getAttribute("aria-describedby") || ""} ${id}`.trim());
    if (severity === "error") el.setAttribute("aria-invalid", "true");
  }

  function showMessages(messages) {
    clearFieldMessages();
    const list = $("gmi-messages");
    list.replaceChildren();
    if (!messages.length) {
      const item = document.createElement("li");
      item.className = "gmi-ok";
      item.textContent = str("calc_no_messages");
      list.append(item);
      return;
    }
    messages.forEach((message, index) => {
      const container = fieldContainer(message.field);
      const item = document.createElement("li");
      item.className = `gmi-${message.severity}`;
      const mark = document.createElement("span");
      mark.className = "gmi-mark";
      mark.textContent = message.severity === "error" ? "✖ " : "⚠ ";
      mark.setAttribute("aria-hidden", "true");
      item.append(mark);
      if (container) {
        const id = `gmi-msg-${index}`;
        const note = document.createElement("p");
        note.className = `gmi-msg gmi-${message.severity}`;
        note.id = id;
        note.textContent = message.text;
        container.append(note);
        const targets = container.matches("fieldset") ? [container] : container.querySelectorAll("input, select, textarea");
        for (const el of targets) describe(el, id, message.severity);
        const focusable = container.querySelector("input, select, textarea");
        const link = document.createElement("a");
        link.href = `#${focusable ? focusable.id : container.id}`;
        link.textContent = message.text;
        item.append(link);
      } else {
        item.append(message.text);
      }
      list.append(item);
    });
  }

  function showRadar(svgText) {
    const figure = $("gmi-radar");
    figure.replaceChildren();
    if (!svgText) return;
    const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
    if (svg && svg.nodeName.toLowerCase() === "svg") figure.append(document.importNode(svg, true));
  }

  function render(reply) {
    const result = JSON.parse(reply.result);
    $("gmi-results-wait").hidden = true;
    root.dataset.valid = String(result.valid);
    showMessages(reply.messages);
    if (!result.valid) {
      for (const id of ["gmi-total", "gmi-rating", "gmi-gate-status", "gmi-completeness"]) $(id).textContent = "–";
      $("gmi-indicator-rows").replaceChildren();
      $("gmi-plan").replaceChildren();
      $("gmi-carbon").replaceChildren();
      showRadar(null);
      return;
    }
    $("gmi-total").textContent = `${numberFormat(result.total)} / ${numberFormat(result.max)}`;
    const rating = result.rating;
    $("gmi-rating").textContent = rating.rated
      ? names.bands[rating.band] || rating.band
      : `${label("not_rated")} (${label("gate")}: ${label(rating.reason)})`;
    $("gmi-rating").dataset.band = rating.rated ? rating.band : "not-rated";
    const gate = result.gate;
    const gateParts = [label(`gate_${gate.status}`)];
    if (gate.failed.length) gateParts.push(`${label("no")}: ${gate.failed.map((id) => names.gate[id] || id).join(" ")}`);
    if (gate.unanswered.length)
      gateParts.push(`${label("unanswered")}: ${gate.unanswered.map((id) => names.gate[id] || id).join(" ")}`);
    $("gmi-gate-status").textContent = gateParts.join(" — ");
    $("gmi-gate-status").dataset.status = gate.status;
    const done = result.completeness;
    $("gmi-completeness").textContent = `${done.answered} / ${done.total} (${numberFormat(done.percent, 1)} %) · ${label("gate")}: ${done.gate_answered} / ${done.gate_total}`;
    showRadar(reply.radar);

    const rows = $("gmi-indicator-rows");
    rows.replaceChildren();
    for (const indicator of result.indicators) {
      const row = document.createElement("tr");
      row.dataset.indicator = indicator.id;
      const unitName = names.units[indicator.unit] || indicator.unit;
      const value =
        indicator.value === null || indicator.value === undefined
          ? "–"
          : indicator.type === "qualitative"
            ? `${label("level")} ${indicator.value}`
            : `${numberFormat(indicator.value, 4)} ${unitName}`;
      cells(row, [
        guidanceLink(indicator.id),
        value,
        `${numberFormat(indicator.points)} / ${numberFormat(indicator.max)}`,
        // Scores resting on illustrative or general-set benchmarks say so (the booklet and pages do too).
        [
          label(`status_${indicator.status}`),
          ...(indicator.benchmark && indicator.benchmark.illustrative ? [label("illustrative")] : []),
          ...(indicator.benchmark && indicator.benchmark.fallback ? [label("benchmark_fallback")] : []),
        ].join("; "),
      ]);
      rows.append(row);
    }

    const plan = $("gmi-plan");
    plan.replaceChildren();
    for (const step of result.improvement_plan) {
      const item = document.createElement("li");
      item.append(guidanceLink(step.id));
      item.append(` — ${label("points_available")}: ${numberFormat(step.points_available)} (${names.dimensions[step.dimension] || step.dimension}; ${label(`status_${step.status}`)})`);
      plan.append(item);
    }

    const carbon = result.carbon;
    const box = $("gmi-carbon");
    box.replaceChildren();
    if (carbon) {
      const summary = document.createElement("ul");
      for (const [key, value, unitKey] of [
        ["scope1", carbon.scope1_t, "tco2e"],
        ["scope2", carbon.scope2_t, "tco2e"],
        ["scope_total", carbon.total_t, "tco2e"],
        ["energy_tce", carbon.energy_tce, "tce"],
      ]) {
        const item = document.createElement("li");
        item.textContent = `${label(key)}: ${numberFormat(value, 3)} ${names.units[unitKey] || unitKey}`;
        summary.append(item);
      }
      box.append(summary);
      if (carbon.lines && carbon.lines.length) {
        const heading = document.createElement("h4");
        heading.textContent = label("factors_used");
        const table = document.createElement("table");
        table.className = "gmi-table";
        const head = document.createElement("tr");
        for (const key of ["input", "quantity", "factor", "year", "source", "scope", "tco2e"]) {
          const th = document.createElement("th");
          th.scope = "col";
          th.textContent =
            key === "quantity" ? str("calc_quantity") : key === "tco2e" ? names.units.tco2e : key === "input" ? str("input") : label(key);
          head.append(th);
        }
        const thead = document.createElement("thead");
        thead.append(head);
        const body = document.createElement("tbody");
        for (const line of carbon.lines) {
          const row = document.createElement("tr");
          cells(row, [
            names.inputs[line.input] || line.input,
            `${numberFormat(line.quantity, 3)} ${names.units[line.unit] || line.unit}`,
            `${names.factors[line.factor] || line.factor}: ${line.factor_value} ${names.units[line.factor_unit] || line.factor_unit}`,
            String(line.year),
            names.sources[line.source] || line.source,
            String(line.scope),
            numberFormat(line.tco2e, 3),
          ]);
          body.append(row);
        }
        table.append(thead, body);
        box.append(heading, table);
      }
    }
  }

  // ---- Live scoring, autosave --------------------------------------------------------------------------------
  let latest = 0;
  let debounce = null;
  function rescore() {
    const ticket = ++latest;
    request(JSON.stringify(buildAssessment()))
      .then((reply) => {
        if (ticket === latest) render(reply);
      })
      .catch((error) => console.error("gmi: scoring failed", error));
  }
  function changed() {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(buildAssessment()));
    } catch (error) {
      /* storage full or disabled: the form still works */
    }
    clearTimeout(debounce);
    debounce = setTimeout(rescore, DEBOUNCE_MS);
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    const target = event.target;
    if (target.dataset && target.dataset.noneFor && target.checked) {
      for (const box of byName(target.dataset.noneFor)) box.checked = false;
    } else if (target.type === "checkbox" && target.checked && target.name.startsWith("selections.")) {
      const none = form.querySelector(`[data-none-for="${CSS.escape(target.name)}"]`);
      if (none) none.checked = false;
    }
    if (target.name === "benchmark_set") syncCustom();
    changed();
  });
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") syncCustom();
  });

  // ---- Toolbar -----------------------------------------------------------------------------------------------
  const status = $("gmi-file-status");
  function setStatus(text, kind, details = []) {
    status.replaceChildren();
    status.dataset.kind = kind;
    const line = document.createElement("p");
    line.textContent = text;
    status.append(line);
    if (details.length) {
      const list = document.createElement("ul");
      for (const detail of details) {
        const item = document.createElement("li");
        item.textContent = detail;
        list.append(item);
      }
      status.append(list);
    }
  }

  async function loadText(text) {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setStatus(str("calc_open_not_json"), "error");
      return false;
    }
    if (!names) setStatus(str("calc_open_wait"), "info");
    const reply = await request(text);
    const result = JSON.parse(reply.result);
    if (!result.valid) {
      setStatus(str("calc_open_invalid"), "error", reply.messages.map((m) => m.text));
      return false;
    }
    fillForm(result.migrated_assessment || parsed);
    setStatus(str("calc_open_ok"), "ok");
    return true;
  }

  $("gmi-open").addEventListener("click", () => $("gmi-open-file").click());
  $("gmi-open-file").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setStatus(str("calc_open_too_large"), "error");
      return;
    }
    await loadText(await file.text()).catch((error) => setStatus(`${str("calc_error_load")} ${error.message}`, "error"));
  });
  $("gmi-load-example").addEventListener("click", async () => {
    const name = $("gmi-example").value;
    const url = new URL(`../../downloads/pilots/${encodeURIComponent(name)}.json`, import.meta.url);
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      fillForm(await response.json());
      status.replaceChildren();
    } catch (error) {
      setStatus(`${str("calc_error_load")} ${error.message}`, "error");
    }
  });
  $("gmi-save").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(buildAssessment(), null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = "gmi-assessment.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $("gmi-clear").addEventListener("click", () => {
    if (!window.confirm(str("calc_clear_confirm"))) return;
    form.reset();
    syncCustom();
    status.replaceChildren();
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* ignore */
    }
    clearTimeout(debounce);
    debounce = setTimeout(rescore, DEBOUNCE_MS);
  });
  $("gmi-print").addEventListener("click", () => window.print());

  // ---- Start -------------------------------------------------------------------------------------------------
  // An assessment of an earlier format version is put into the current one by the engine (never lost).
  async function upgraded(assessment) {
    if (!assessment || typeof assessment !== "object" || assessment.format_version === FORMAT_VERSION) return assessment;
    const reply = await request(JSON.stringify(assessment));
    return JSON.parse(reply.result).migrated_assessment || assessment;
  }
  function stored(key) {
    try {
      const value = JSON.parse(localStorage.getItem(key) || "null");
      return value && typeof value === "object" ? value : null;
    } catch (error) {
      return null;
    }
  }
  const restored = stored(STORAGE_KEY);
  const older = restored ? null : OLD_STORAGE_KEYS.map(stored).find(Boolean);
  if (restored) fillForm(restored);
  else {
    syncCustom();
    rescore();
  }
  if (older) {
    upgraded(older)
      .then((assessment) => {
        fillForm(assessment);
        for (const key of OLD_STORAGE_KEYS) localStorage.removeItem(key);
      })
      .catch((error) => console.error("gmi: could not restore an earlier autosave", error));
  }

  window.gmi = Object.freeze({
    ready,
    score: (assessment) => request(JSON.stringify(assessment)).then((reply) => JSON.parse(reply.result)),
    load: (assessment) => upgraded(assessment).then(fillForm),
    assessment: () => buildAssessment(),
    compare: (older, newer) => ready.then(() => runningEngine().compare(...[older, newer].map(asJson))).then((reply) => reply.comparison),
  });
}
