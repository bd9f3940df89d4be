// GMI calculator, two sections after the results (publish/templates/calculator_compare.md.j2):
//  - "compare with a previous assessment": an earlier file the reader opens against the form, or a pilot's two
//    years; the engine (calculator/compare_view.py, worker op "compare") gives the comparison, every line of it in
//    the reader's language (the words of `gmi compare`) and the chart of both years per dimension;
//  - the reader's scored indicators beside the illustrative pilots (worker op "peers"), redone after each result.
// Waits for window.gmi.ready (gmi-calculator.js); user-provided strings are only ever set with textContent.

import { runningEngine } from "./gmi-engine.js";

const root = document.getElementById("gmi-compare-root");
const calculator = document.getElementById("gmi-calculator");
const PEERS_DEBOUNCE_MS = 250;

if (root && calculator) start();

function start() {
  const $ = (id) => document.getElementById(id);
  const str = (key) => root.getAttribute("data-s-" + key.replace(/_/g, "-")) || key;
  const maxBytes = Number(calculator.dataset.maxBytes);
  const pilotUrl = (name) => new URL(`../../downloads/pilots/${encodeURIComponent(name)}.json`, import.meta.url);
  const element = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const chapter = (id, text) => {
    const link = element("a", text);
    link.href = `../indicators/${encodeURIComponent(id)}/`;
    return link;
  };

  function whenReady() {
    // gmi-calculator.js sets window.gmi when its module runs; this module may run first.
    return new Promise((resolve) => {
      const look = () => (window.gmi ? resolve(window.gmi.ready) : setTimeout(look, 50));
      look();
    }).then(() => runningEngine());
  }

  async function fetchText(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    return response.text();
  }

  // ---- Compare with a previous assessment ------------------------------------------------------------------
  const status = $("gmi-compare-status");
  const output = $("gmi-compare-result");

  function setStatus(text, kind, details = []) {
    status.replaceChildren();
    status.dataset.kind = kind || "";
    if (!text) return;
    status.append(element("p", text));
    if (details.length) {
      const list = element("ul");
      for (const detail of details) list.append(element("li", detail));
      status.append(list);
    }
  }

  function showChart(svgText) {
    const figure = $("gmi-compare-chart");
    figure.replaceChildren();
    if (!svgText) return;
    const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
    if (svg && svg.nodeName.toLowerCase() === "svg") figure.append(document.importNode(svg, true));
  }

  function lines(list, entries, attribute) {
    list.replaceChildren();
    for (const entry of entries) {
      const item = element("li", entry.text);
      if (attribute) item.dataset[attribute] = entry[attribute === "dimension" ? "id" : attribute];
      if (entry.level > 1) item.className = "gmi-compare-part";
      list.append(item);
    }
  }

  function show(reply) {
    const { comparison, text } = reply;
    root.dataset.compared = String(comparison.valid);
    if (!comparison.valid) {
      output.hidden = true;
      const problems = text.messages.map((message) => message.text);
      for (const side of ["old", "new"]) for (const problem of text.files[side] || []) problems.push(problem);
      setStatus(str("cmp_failed"), "error", problems);
      return;
    }
    setStatus("", "");
    lines($("gmi-compare-sides"), [{ text: text.sides.old }, { text: text.sides.new }]);
    $("gmi-compare-total").textContent = text.total;
    $("gmi-compare-rating").textContent = text.rating;
    const notes = $("gmi-compare-messages");
    notes.replaceChildren();
    for (const message of text.messages) {
      const item = element("li", message.text, `gmi-${message.severity}`);
      item.dataset.code = message.code;
      notes.append(item);
    }
    $("gmi-compare-notes").hidden = text.messages.length === 0;
    showChart(reply.chart);
    lines($("gmi-compare-dimensions"), text.dimensions, "dimension");
    const changes = $("gmi-compare-changes");
    changes.replaceChildren();
    for (const group of text.changes) {
      const box = element("div", undefined, "gmi-compare-group");
      box.dataset.kind = group.kind;
      box.append(element("h5", group.heading));
      const list = element("ul", undefined, "gmi-compare-lines");
      for (const entry of group.items) {
        const item = element("li", entry.text);
        item.dataset.indicator = entry.id;
        list.append(item);
      }
      box.append(list);
      changes.append(box);
    }
    for (const entry of text.lists) {
      const line = element("p", entry.text);
      line.dataset.kind = entry.kind;
      changes.append(line);
    }
    lines($("gmi-compare-carbon"), text.carbon, "key");
    $("gmi-compare-completeness").textContent = text.completeness;
    output.hidden = false;
  }

  async function compare(oldText, newText) {
    setStatus(str("cmp_wait"), "info");
    try {
      const engine = await whenReady();
      show(await engine.compare(oldText, newText));
    } catch (error) {
      output.hidden = true;
      setStatus(`${str("calc_error_load")} ${(error && error.message) || error}`, "error");
    }
  }

  $("gmi-compare-open").addEventListener("click", () => $("gmi-compare-file").click());
  $("gmi-compare-file").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > maxBytes) {
      setStatus(str("calc_open_too_large"), "error");
      return;
    }
    const oldText = await file.text();
    await whenReady();
    await compare(oldText, JSON.stringify(window.gmi.assessment()));
  });
  const pilotChoice = $("gmi-compare-pilot");
  if (pilotChoice) {
    $("gmi-compare-pilot-go").addEventListener("click", async () => {
      const option = pilotChoice.selectedOptions[0];
      try {
        const [oldText, newText] = await Promise.all([fetchText(pilotUrl(option.dataset.earlier)), fetchText(pilotUrl(option.value))]);
        await compare(oldText, newText);
      } catch (error) {
        setStatus(`${str("calc_error_load")} ${(error && error.message) || error}`, "error");
      }
    });
  }

  // ---- Beside the illustrative pilots --------------------------------------------------------------------------
  const pilotNames = (root.dataset.pilots || "").split(" ").filter(Boolean);
  let pilotsText = null;

  async function pilots() {
    if (pilotsText === null) {
      const texts = await Promise.all(pilotNames.map((name) => fetchText(pilotUrl(name))));
      pilotsText = `{${pilotNames.map((name, index) => `${JSON.stringify(name)}:${texts[index]}`).join(",")}}`;
    }
    return pilotsText;
  }

  function position(row) {
    const parts = [str("peers_better_than").replace("{n}", String(row.better_than)).replace("{total}", String(row.total))];
    if (row.equal) parts.push(str("peers_equal").replace("{n}", String(row.equal)));
    return parts.join(" · ");
  }

  function showPeers(reply) {
    const { peers, text } = reply;
    const rows = $("gmi-peers-rows");
    rows.replaceChildren();
    for (const row of peers.indicators) {
      const words = text.indicators[row.id];
      const tr = element("tr");
      tr.dataset.indicator = row.id;
      tr.dataset.betterThan = String(row.better_than);
      tr.dataset.equal = String(row.equal);
      tr.dataset.total = String(row.total);
      const name = element("td");
      name.append(chapter(row.id, `${row.number}. ${words.name}`));
      name.append(element("span", str(row.direction === "lower" ? "peers_lower" : "peers_higher"), "gmi-peers-direction"));
      const yours = element("td", words.value);
      yours.dataset.value = String(row.value);
      const list = element("ol", undefined, "gmi-peers-list");
      for (const entry of row.pilots) {
        const item = element("li");
        item.dataset.pilot = entry.name;
        item.dataset.value = String(entry.value);
        const link = element("a", text.pilots[entry.name] || entry.name);
        link.href = `../examples/${encodeURIComponent(entry.name)}/`;
        item.append(link, ` ${words.pilots[entry.name]}`);
        list.append(item);
      }
      const cell = element("td");
      cell.append(list);
      tr.append(name, yours, cell, element("td", position(row), "gmi-peers-position"));
      rows.append(tr);
    }
    $("gmi-peers-table").hidden = peers.indicators.length === 0;
    $("gmi-peers-empty").hidden = peers.indicators.length > 0;
  }

  let ticket = 0;
  let timer = null;
  async function refreshPeers() {
    const mine = ++ticket;
    try {
      const engine = await whenReady();
      const reply = await engine.peers(JSON.stringify(window.gmi.assessment()), await pilots());
      if (mine === ticket) showPeers(reply);
    } catch (error) {
      console.error("gmi: the pilots could not be compared", error);
    }
  }
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(refreshPeers, PEERS_DEBOUNCE_MS);
  };
  // The page redraws its indicator rows after every result: the pilots follow.
  const results = $("gmi-indicator-rows");
  if (results) new MutationObserver(soon).observe(results, { childList: true, subtree: true, characterData: true });
  if (pilotNames.length) soon();
}
