// GMI self-scoring calculator: the page side.  The form is static HTML (usable before Python loads); the engine
// runs in a module worker (gmi-worker.mjs).  User-provided strings are only ever set with textContent / values.
// API: window.gmi = {ready, score(assessment), load(assessment), assessment(), reply(assessment)}.
//
// Issue #10: a live summary (#gmi-live) stays in view while the reader types; a field shows its message only once it
// was edited or left (or after save/print); numbers are read as people type them (full-width digits, thousands
// separators); the plan says what value to reach and what to do; the print view is a signed self-assessment report.

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
  // Rounding by unit: the rule of calculator/numbers.py (format_amount), with the rules of framework.yaml's
  // unit_display (names.unit_display): {decimals: n} or {significant: n} (no decimals dropped from whole digits:
  // 123,456 stays whole), half up on the shortest decimal form, thousands separated.  Points (the score) are shown
  // as the page always did: up to two decimals.
  function decimalsFor(value, significant) {
    if (value === 0 || !Number.isFinite(value)) return 0;
    let decimals = significant - 1 - Math.floor(Math.log10(Math.abs(value)));
    const rounded = roundHalfUp(value, Math.max(decimals, 0));
    if (rounded && Math.floor(Math.log10(Math.abs(rounded))) > Math.floor(Math.log10(Math.abs(value)))) decimals -= 1;
    return Math.max(decimals, 0);
  }
  // toward: undefined rounds half up (as people do); "up" / "down" (ceiling / floor) for a plan target, so that
  // the figure shown always earns what it promises (numbers.py's Toward).
  function roundHalfUp(value, decimals, toward) {
    const text = String(Math.abs(value)); // the shortest decimal form, as Python's repr
    const shifted = text.includes("e") ? Math.abs(value) * 10 ** decimals : Number(`${text}e${decimals}`);
    const signed = value < 0 ? -shifted : shifted;
    if (toward === "up" || toward === "down") return Number(`${(toward === "up" ? Math.ceil : Math.floor)(signed)}e-${decimals}`);
    const rounded = Number(`${Math.floor(shifted + 0.5)}e-${decimals}`);
    return value < 0 ? -rounded : rounded;
  }
  function formatAmount(value, rule, toward) {
    const decimals = typeof rule.significant === "number" ? decimalsFor(value, rule.significant) : rule.decimals;
    const rounded = roundHalfUp(value, decimals, toward);
    return (rounded === 0 ? 0 : rounded).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }
  function formatValue(value, unit, toward) {
    if (typeof value !== "number" || !Number.isFinite(value)) return "–";
    if (unit === "points") return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
    const rule = own(names && names.unit_display, unit) || { decimals: 2 };
    return formatAmount(value, rule, toward);
  }
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

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

  // Numbers as people type them: full-width digits and punctuation of a Chinese input method (８５０００, ８５，０００,
  // １．５), thousands separators (, and ，) in groups of three, spaces.  Anything else goes to the engine as text,
  // which rejects it on its field (never a silently wrong number: "1,5" is not read as 15).
  function normaliseNumber(text) {
    return String(text)
      .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .replace(/[\u2212\u2012\u2013]/g, "-")
      .replace(/\s/g, "");
  }
  function parseNumber(text) {
    const cleaned = normaliseNumber(text);
    if (cleaned === "") return null;
    const grouped = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(cleaned) ? cleaned.replace(/,/g, "") : cleaned;
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(grouped) ? Number(grouped) : text.trim();
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
    arrangeRegions();
    touched.clear();
    showAll = false;
    touchFilled();
    changed();
  }

  function syncCustom() {
    root.toggleAttribute("data-custom", byName("benchmark_set")[0].value === "custom");
  }

  // ---- Results ---------------------------------------------------------------------------------------------
  const label = (key) => (names && names.labels[key]) || key;
  const indicatorName = (id) => (names && names.indicators[id]) || id;
  const unitName = (unit) => (names && names.units[unit]) || unit;
  const chapterUrl = (id) => own(names && names.pages, id) || `../indicators/${encodeURIComponent(id)}/`;
  const listSeparator = str("list_separator");

  function guidanceLink(id, text = indicatorName(id)) {
    const link = document.createElement("a");
    link.href = chapterUrl(id);
    link.textContent = text;
    return link;
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
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

  // ---- Errors only when earned: a field's message shows once the field was edited or left, or after save/print.
  const touched = new Set();
  let showAll = false;
  let lastReply = null;
  function earned(field) {
    if (showAll || !field) return true;
    for (const name of touched) {
      if (name === field || name.startsWith(field + ".") || field.startsWith(name + ".")) return true;
    }
    return false;
  }
  function touchFilled() {
    // A value that came from a file, an example or the autosave was entered by someone: its messages are earned.
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked && el.value !== "") touched.add(el.name);
      } else if (el.tagName !== "SELECT" && el.value.trim() !== "") touched.add(el.name);
    }
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

  function showMessages(allMessages) {
    clearFieldMessages();
    const list = $("gmi-messages");
    list.replaceChildren();
    const messages = allMessages.filter((message) => earned(message.field));
    if (!allMessages.length) {
      list.append(element("li", "gmi-ok", str("calc_no_messages")));
      return;
    }
    messages.forEach((message, index) => {
      const container = fieldContainer(message.field);
      const item = element("li", `gmi-${message.severity}`);
      const mark = element("span", "gmi-mark", message.severity === "error" ? "✖ " : "⚠ ");
      mark.setAttribute("aria-hidden", "true");
      item.append(mark);
      if (container) {
        const id = `gmi-msg-${index}`;
        const note = element("p", `gmi-msg gmi-${message.severity}`, message.text);
        note.id = id;
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

  // The names of an unanswered indicator's missing inputs: the engine's own list (page_reply), else the result's.
  function missingNames(reply, indicator) {
    const given = own(reply.missing, indicator.id);
    if (typeof given === "string" && given) return given;
    const ids = (indicator.missing || []).map((field) => String(field).replace(/^data\./, ""));
    return [...new Set(ids)].map((id) => own(names.inputs, id) || id).join(nameSeparator());
  }

  // Names in a list, as the engine joins them (calculator.report.missing_text).
  const nameSeparator = () => (language.startsWith("zh") ? "、" : ", ");

  // A refused field's name, as the text report gives it: an input by its name, an input's unit as "input – Units",
  // an own benchmark value as "indicator – Leading value", another answer by its indicator, a top-level field by
  // its label.
  function refusedFieldName(path) {
    const [head, key, part] = String(path).split(".");
    const input = own(names.inputs, key);
    if (head === "data" && input) return input;
    if (head === "units" && input) return `${input} – ${label("units")}`;
    const indicator = own(names.indicators, key);
    if (indicator && ["levels", "selections", "notes", "custom_benchmarks", "indicators"].includes(head)) {
      return head === "custom_benchmarks" && (part === "baseline" || part === "leading") ? `${indicator} – ${label(part)}` : indicator;
    }
    return own(names.labels, head) || String(path);
  }

  // The fields partial scoring refused that the indicator does not already name as missing (an indicator whose
  // inputs are all given but whose own benchmark was refused has only these), by name; "" when there are none.
  function refusedNames(indicator) {
    const missing = new Set(indicator.missing || []);
    const refused = (indicator.rejected || []).filter((field) => !missing.has(field));
    return [...new Set(refused.map(refusedFieldName))].join(nameSeparator());
  }

  // Where a factor, coefficient or exchange rate comes from: the user's own value (status "user") shows the note
  // the user typed, verbatim and never looked up as a source id, or the own-value label when there is none; any
  // other value the title of its source.
  function sourceText(item) {
    if (item.status === "user") return typeof item.source_note === "string" && item.source_note ? item.source_note : label("own_value");
    return own(names.sources, item.source) || String(item.source);
  }

  function ratingText(rating) {
    return rating.rated ? names.bands[rating.band] || rating.band : `${label("not_rated")} (${label("gate")}: ${label(rating.reason)})`;
  }

  function showLive(result) {
    const valid = result && result.valid;
    $("gmi-live-total").textContent = valid ? `${formatValue(result.total, "points")} / ${formatValue(result.max, "points")}` : "–";
    $("gmi-live-rating").textContent = valid ? ratingText(result.rating) : "–";
    $("gmi-live-rating").dataset.band = valid && result.rating.rated ? result.rating.band : "not-rated";
    $("gmi-live-completeness").textContent = valid
      ? `${result.completeness.answered} / ${result.completeness.total} (${formatValue(result.completeness.percent, "percent")} %)`
      : "–";
    $("gmi-live-gate").textContent = valid ? label(`gate_${result.gate.status}`) : "–";
    const byId = new Map(valid ? result.dimensions.map((dimension) => [dimension.id, dimension]) : []);
    for (const item of $("gmi-live-dimensions").querySelectorAll("li[data-dimension]")) {
      const dimension = byId.get(item.dataset.dimension);
      const percent = dimension ? Math.max(0, Math.min(100, dimension.percent)) : 0;
      item.querySelector(".gmi-bar-fill").style.width = `${percent}%`;
      item.querySelector(".gmi-live-percent").textContent = dimension ? `${formatValue(dimension.percent, "percent")} %` : "–";
    }
  }

  function showDimensions(result) {
    const rows = $("gmi-dimension-rows");
    rows.replaceChildren();
    for (const dimension of result.dimensions) {
      const row = document.createElement("tr");
      row.dataset.dimension = dimension.id;
      cells(row, [
        names.dimensions[dimension.id] || dimension.id,
        `${formatValue(dimension.points, "points")} / ${formatValue(dimension.max, "points")}`,
        `${formatValue(dimension.percent, "percent")} %`,
      ]);
      rows.append(row);
    }
  }

  function withUnit(value, unit, toward) {
    return `${formatValue(value, unit, toward)} ${unitName(unit)}`;
  }

  // The plan says what to reach (targets from the engine's plan, in the indicator's unit) and what to do (the
  // indicator's first good practices, with a link to its chapter).
  function planTarget(step, indicator, reply) {
    // An unanswered indicator first asks for its missing inputs; its targets follow.
    const target = planGoal(step, indicator);
    if (!indicator || indicator.status !== "unanswered") return target;
    return [fill(str("calc_plan_next"), { missing: missingNames(reply, indicator) }), target].filter(Boolean).join(" ");
  }

  function planGoal(step, indicator) {
    const unit = indicator ? indicator.unit : "";
    const targets = step.targets;
    if (targets && targets.full) {
      // Lower is better when the leading value is below the baseline: the target shown is rounded down, else up.
      const benchmark = (indicator && indicator.benchmark) || {};
      const toward =
        typeof benchmark.leading === "number" && typeof benchmark.baseline === "number"
          ? benchmark.leading < benchmark.baseline
            ? "down"
            : "up"
          : undefined;
      const values = {
        full: withUnit(targets.full.value, unit, toward),
        full_points: formatValue(targets.full.points, "points"),
      };
      if (targets.next && targets.next.share < 1) {
        return fill(str("calc_plan_target"), {
          ...values,
          next: withUnit(targets.next.value, unit, toward),
          next_points: formatValue(targets.next.points, "points"),
        });
      }
      return fill(str("calc_plan_full"), values);
    }
    if (typeof step.next_level === "number") {
      const levels = own(names.levels, step.id) || [];
      const next = fill(str("calc_plan_level"), {
        level: String(step.next_level),
        text: levels[step.next_level] || "",
        points: formatValue(step.next_points, "points"),
      });
      if (typeof step.full_level !== "number" || step.full_level === step.next_level) return next;
      return `${next} ${fill(str("calc_plan_level_full"), { level: String(step.full_level), points: formatValue(step.full_points, "points") })}`;
    }
    if (typeof step.full_level === "number") {
      return fill(str("calc_plan_level_full"), { level: String(step.full_level), points: formatValue(step.full_points, "points") });
    }
    return "";
  }

  function showPlan(result, reply) {
    const plan = $("gmi-plan");
    plan.replaceChildren();
    const byId = new Map(result.indicators.map((indicator) => [indicator.id, indicator]));
    for (const step of result.improvement_plan) {
      const indicator = byId.get(step.id);
      const item = document.createElement("li");
      item.dataset.indicator = step.id;
      const head = element("p", "gmi-plan-head");
      head.append(guidanceLink(step.id));
      // Chinese text takes full-width punctuation (as the booklet and the text report do).
      const [dash, colon, open, semicolon, close] = language.startsWith("zh") ? ["——", "：", "（", "；", "）"] : [" — ", ": ", " (", "; ", ")"];
      head.append(
        `${dash}${label("points_available")}${colon}${formatValue(step.points_available, "points")}${open}${names.dimensions[step.dimension] || step.dimension}${semicolon}${label(`status_${step.status}`)}${close}`,
      );
      item.append(head);
      const target = planTarget(step, indicator, reply);
      if (target) item.append(element("p", "gmi-plan-target", target));
      const practices = own(names.practices, step.id) || [];
      const chosen = (Array.isArray(step.practices) ? step.practices : [0, 1]).map((index) => practices[index]).filter(Boolean);
      if (chosen.length) {
        const list = element("ul", "gmi-plan-practices");
        list.setAttribute("aria-label", str("calc_plan_practices"));
        for (const text of chosen) {
          const practice = element("li", "gmi-plan-practice");
          practice.append(element("span", "gmi-key", `${str("calc_plan_practices")}: `), text);
          list.append(practice);
        }
        item.append(list);
        const more = element("p", "gmi-plan-more");
        more.append(guidanceLink(step.id, `${str("calc_plan_chapter")}: ${indicatorName(step.id)}`));
        item.append(more);
      }
      plan.append(item);
    }
  }

  // ---- The printed report: who, when, which edition, every value entered -----------------------------------
  const selectedText = (name) => {
    const select = byName(name)[0];
    return select && select.selectedIndex >= 0 && select.value !== "" ? select.options[select.selectedIndex].textContent : "";
  };
  function fieldName(container) {
    const labelEl = container.querySelector("label");
    if (!labelEl) return "";
    const first = [...labelEl.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    return (first ? first.textContent : labelEl.textContent).trim();
  }
  function fillPrintReport() {
    $("gmi-print-organisation").textContent = byName("organisation")[0].value.trim() || "–";
    $("gmi-print-region").textContent = selectedText("region") || "–";
    $("gmi-print-sector").textContent = byName("sector")[0].value.trim() || "–";
    const year = parseNumber(byName("reporting_year")[0].value);
    $("gmi-print-year").textContent = year === null ? "–" : String(year);
    $("gmi-print-date").textContent = new Date().toLocaleDateString(language, { year: "numeric", month: "long", day: "numeric" });
    $("gmi-print-set").textContent = selectedText("benchmark_set") || "–";
    const rows = $("gmi-print-values");
    rows.replaceChildren();
    const add = (name, value) => {
      const row = document.createElement("tr");
      cells(row, [name, value]);
      rows.append(row);
    };
    add(label("money_unit"), selectedText("money_unit"));
    for (const container of form.querySelectorAll('.gmi-field[data-field^="data."], .gmi-field[data-field="exchange_rate"]')) {
      const input = container.querySelector("input");
      if (!input || input.value.trim() === "") continue;
      const parsed = parseNumber(input.value);
      const unitSelect = container.querySelector("select.gmi-unit-select");
      const after = container.querySelector(".gmi-unit-after");
      const unitText = unitSelect
        ? unitSelect.options[unitSelect.selectedIndex].textContent
        : after && after.hasAttribute("data-money")
          ? selectedText("money_unit")
          : (after || {}).textContent || "";
      const shown = typeof parsed === "number" ? parsed.toLocaleString(language, { maximumFractionDigits: 10 }) : input.value.trim();
      add(fieldName(container), `${shown} ${unitText}`.trim());
    }
    for (const fieldset of form.querySelectorAll("fieldset.gmi-choice[data-field]")) {
      const name = fieldset.dataset.field;
      const chosen = [...fieldset.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].filter((el) => el.value !== "");
      const none = fieldset.querySelector("[data-none-for]");
      if (!chosen.length && !(none && none.checked)) continue;
      const indicator = fieldset.closest(".gmi-indicator");
      const title = indicator
        ? indicator.querySelector(".gmi-indicator-title").firstChild.textContent.trim()
        : fieldset.querySelector("legend").textContent.trim();
      const value = chosen.length ? chosen.map((el) => fieldset.querySelector(`label[for="${CSS.escape(el.id)}"]`).textContent.trim()) : [none.nextElementSibling.textContent.trim()];
      add(title, value.join(listSeparator));
    }
    if (rows.children.length === 1) add(str("calc_report_none"), "");
  }
  window.addEventListener("beforeprint", () => {
    showAll = true;
    if (lastReply) showMessages(lastReply.messages);
    fillPrintReport();
  });

  function render(reply) {
    lastReply = reply;
    const result = JSON.parse(reply.result);
    $("gmi-results-wait").hidden = true;
    root.dataset.valid = String(result.valid);
    root.dataset.partial = String(Boolean(result.partial));
    showMessages(reply.messages);
    showLive(result);
    fillPrintReport();
    if (!result.valid) {
      for (const id of ["gmi-total", "gmi-rating", "gmi-gate-status", "gmi-completeness"]) $(id).textContent = "–";
      $("gmi-dimension-rows").replaceChildren();
      $("gmi-indicator-rows").replaceChildren();
      $("gmi-plan").replaceChildren();
      $("gmi-carbon").replaceChildren();
      showRadar(null);
      return;
    }
    $("gmi-total").textContent = `${formatValue(result.total, "points")} / ${formatValue(result.max, "points")}`;
    const rating = result.rating;
    $("gmi-rating").textContent = ratingText(rating);
    $("gmi-rating").dataset.band = rating.rated ? rating.band : "not-rated";
    const gate = result.gate;
    const gateParts = [label(`gate_${gate.status}`)];
    if (gate.failed.length) gateParts.push(`${label("no")}: ${gate.failed.map((id) => names.gate[id] || id).join(" ")}`);
    if (gate.unanswered.length)
      gateParts.push(`${label("unanswered")}: ${gate.unanswered.map((id) => names.gate[id] || id).join(" ")}`);
    $("gmi-gate-status").textContent = gateParts.join(" — ");
    $("gmi-gate-status").dataset.status = gate.status;
    const done = result.completeness;
    $("gmi-completeness").textContent = `${done.answered} / ${done.total} (${formatValue(done.percent, "percent")} %) · ${label("gate")}: ${done.gate_answered} / ${done.gate_total}`;
    showDimensions(result);
    showRadar(reply.radar);

    const rows = $("gmi-indicator-rows");
    rows.replaceChildren();
    for (const indicator of result.indicators) {
      const row = document.createElement("tr");
      row.dataset.indicator = indicator.id;
      const value =
        indicator.value === null || indicator.value === undefined
          ? "–"
          : indicator.type === "qualitative"
            ? `${label("level")} ${indicator.value}`
            : withUnit(indicator.value, indicator.unit);
      const status = [label(`status_${indicator.status}`)];
      if (indicator.status === "unanswered") {
        const colon = language.startsWith("zh") ? "：" : ": ";
        const missing = missingNames(reply, indicator);
        if (missing) status.push(`${str("calc_missing")}${colon}${missing}`);
        const refused = refusedNames(indicator);
        if (refused) status.push(`${label("refused")}${colon}${refused}`);
      }
      // Scores resting on illustrative or general-set benchmarks say so (the booklet and pages do too).
      if (indicator.benchmark && indicator.benchmark.illustrative) status.push(label("illustrative"));
      if (indicator.benchmark && indicator.benchmark.fallback) status.push(label("benchmark_fallback"));
      cells(row, [
        guidanceLink(indicator.id),
        value,
        `${formatValue(indicator.points, "points")} / ${formatValue(indicator.max, "points")}`,
        status.join(listSeparator),
      ]);
      rows.append(row);
    }

    showPlan(result, reply);

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
        item.textContent = `${label(key)}: ${withUnit(value, unitKey)}`;
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
            withUnit(line.quantity, line.unit),
            // a factor the user supplies has no name of its own: the input (first column) says what it is
            `${own(names.factors, line.factor) ? `${names.factors[line.factor]}: ` : ""}${line.factor_value} ${names.units[line.factor_unit] || line.factor_unit}`,
            String(line.year),
            sourceText(line),
            String(line.scope),
            formatValue(line.tco2e, "tco2e"),
          ]);
          body.append(row);
        }
        table.append(thead, body);
        const wrap = element("div", "gmi-table-wrap");
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        heading.id = "gmi-factors-title";
        wrap.setAttribute("aria-labelledby", heading.id);
        wrap.append(table);
        box.append(heading, wrap);
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
    if (target.name === "region") arrangeRegions();
    touched.add(target.name || (target.dataset && target.dataset.noneFor) || "");
    changed();
  });
  form.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") syncCustom();
    if (event.target.name === "region") arrangeRegions();
  });
  form.addEventListener("focusout", (event) => {
    const name = event.target.name;
    if (!name || touched.has(name)) return;
    touched.add(name);
    if (lastReply) showMessages(lastReply.messages);
  });

  // ---- The chosen region's suppliers and fuels first; the other region's folded (still there, never dropped) --
  const regionFolds = [];
  for (const group of form.querySelectorAll(".gmi-group")) {
    const children = [...group.children].filter((child) => child.tagName !== "LEGEND");
    if (!children.some((child) => child.matches(".gmi-field[data-regions]"))) continue;
    const fold = element("details", "gmi-other-region");
    fold.append(element("summary", "", str("calc_other_region")));
    regionFolds.push({ group, children, fold });
  }
  function arrangeRegions() {
    const region = byName("region")[0].value;
    for (const { group, children, fold } of regionFolds) {
      const other = (child) => region !== "" && child.matches("[data-regions]") && !child.dataset.regions.split(" ").includes(region);
      for (const child of children) (other(child) ? fold : group).append(child);
      const folded = children.filter(other);
      if (folded.length) {
        group.append(fold);
        // A figure already entered for the other region stays in sight (and its warning with it).
        if (folded.some((child) => [...child.querySelectorAll("input")].some((input) => input.value.trim() !== ""))) fold.open = true;
      } else fold.remove();
    }
  }

  // ---- Live summary: always in view (sticky beside the form; a bar at the bottom of a phone that expands) --------
  const liveToggle = $("gmi-live-toggle");
  liveToggle.addEventListener("click", () => {
    const open = $("gmi-live").dataset.open !== "true";
    $("gmi-live").dataset.open = String(open);
    liveToggle.setAttribute("aria-expanded", String(open));
    liveToggle.textContent = str(open ? "calc_live_close" : "calc_live_open");
  });
  $("gmi-live").querySelector('a[href="#gmi-results"]').addEventListener("click", () => {
    $("gmi-live").dataset.open = "false";
    liveToggle.setAttribute("aria-expanded", "false");
    liveToggle.textContent = str("calc_live_open");
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
    // The form scores partially while the reader types; a file is opened only when it is valid as a whole (as the
    // CLI reads it), so a file with a field in error never replaces the current work.
    if (!result.valid || result.partial) {
      const errors = reply.messages.filter((m) => m.severity === "error");
      setStatus(str("calc_open_invalid"), "error", (errors.length ? errors : reply.messages).map((m) => m.text));
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
  function earnAll() {
    showAll = true;
    if (lastReply) showMessages(lastReply.messages);
  }
  $("gmi-save").addEventListener("click", () => {
    earnAll();
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
    arrangeRegions();
    touched.clear();
    showAll = false;
    status.replaceChildren();
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      /* ignore */
    }
    clearTimeout(debounce);
    debounce = setTimeout(rescore, DEBOUNCE_MS);
  });
  $("gmi-print").addEventListener("click", () => {
    earnAll();
    fillPrintReport();
    window.print();
  });

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
    reply: (assessment) => request(JSON.stringify(assessment)),
    compare: (older, newer) => ready.then(() => runningEngine().compare(...[older, newer].map(asJson))).then((reply) => reply.comparison),
  });
}
