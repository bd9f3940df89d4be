// The site's search worker (named in each page's theme configuration by overrides/main.html, with ?lang= and the
// theme worker's file name).  It runs the theme's own Lunr engine on the index of the page's language only
// (search/<lang>.json, written by hooks/gmi_search.py), fetched when the reader types a first query rather than on
// every page load.  The glossary's synonyms (太阳能 → 光伏, 可再生能源使用率 …) are in the index's hidden fields.
// Messages follow the theme's protocol: SETUP 0, READY 1, QUERY 2, RESULT 3.
const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const params = new URL(self.location.href).searchParams;
const language = params.get("lang") || "zh-hant";
const themeWorker = params.get("worker") || "";
const post = self.postMessage.bind(self);
const listen = self.addEventListener.bind(self);

// Load the theme's worker, keeping its message listener and its answers to ourselves.
let theme = null;
self.addEventListener = (type, listener, options) => {
  if (type === "message") theme = listener;
  else listen(type, listener, options);
};
if (/^search\.[0-9a-f]+\.min\.js$/.test(themeWorker)) {
  importScripts(new URL(`../javascripts/workers/${themeWorker}`, self.location.href).href);
}
delete self.addEventListener;

let answer = null;
self.postMessage = (message) => {
  const resolve = answer;
  answer = null;
  if (resolve) resolve(message);
};
const ask = (message) =>
  new Promise((resolve) => {
    answer = resolve;
    theme({ data: message });
  });

let options = {};
let loading = null;
const load = () => {
  loading ??= fetch(new URL(`../../search/${language}.json`, self.location.href))
    .then((response) => {
      if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
      return response.json();
    })
    .then((index) => {
      return ask({ type: SETUP, data: { config: index.config, docs: index.docs, options } });
    });
  return loading;
};

// The theme segments a Chinese query greedily by the index's words, but never tries the whole run (its loop stops one
// character short), so 能耗 became 能* and matched every word that starts with 能.  An ideographic zero (a Han
// character no word ends with) after each run lets the whole run count; the theme then drops it.
const wholeRuns = (query) => query.replace(/\p{sc=Han}+/gu, (run) => `${run}\u3007`);

// The hidden ranking fields (title keys, synonyms) are not sent back to the page.
const trim = (result) => {
  for (const group of (result.data && result.data.items) || []) {
    for (const item of group) {
      delete item.keys;
      delete item.also;
    }
  }
  return result;
};

let queue = Promise.resolve();
listen("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    options = (message.data && message.data.options) || {};
    post({ type: READY });
  } else if (message.type === QUERY) {
    const query = String(message.data || "");
    queue = queue.then(async () => {
      if (!query.trim() || !theme) return post({ type: RESULT, data: { items: [] } });
      try {
        await load();
        post(trim(await ask({ type: QUERY, data: wholeRuns(query) })));
      } catch (error) {
        loading = null;
        console.warn(error);
        post({ type: RESULT, data: { items: [] } });
      }
    });
  }
});
