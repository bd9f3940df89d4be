// Search results in the reader's language first: the three languages share one search index, so a Chinese term
// also matches pages of the other Chinese script.  Results of other languages are moved after the page's own.
(() => {
  const scope = globalThis.__md_scope;
  const list = document.querySelector(".md-search-result__list");
  if (!scope || !list) return;
  const root = new URL(".", scope).pathname;
  const pageLanguage = document.documentElement.lang;
  const languageOf = (item) => {
    const link = item.querySelector("a[href]");
    if (!link) return pageLanguage;
    const path = new URL(link.href, location.href).pathname.slice(root.length);
    if (path.startsWith("en/")) return "en";
    if (path.startsWith("zh-hans/")) return "zh-Hans";
    return "zh-Hant";
  };
  new MutationObserver(() => {
    const items = [...list.children];
    const firstOther = items.findIndex((item) => languageOf(item) !== pageLanguage);
    if (firstOther < 0 || !items.slice(firstOther).some((item) => languageOf(item) === pageLanguage)) return;
    for (const item of items.slice(firstOther)) {
      if (languageOf(item) !== pageLanguage) list.appendChild(item);
    }
  }).observe(list, { childList: true });
})();
