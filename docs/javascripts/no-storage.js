// This site stores nothing in the browser. Material keeps small preferences (the colour scheme,
// the last content tab chosen) in localStorage and sessionStorage through these two functions,
// which its own inline script defines just before this one runs; they are replaced with a store
// that lasts only as long as the page, so those preferences reset on each page instead.
(() => {
  const memory = new Map();
  const scoped = (key) => `${window.__md_scope?.pathname ?? "/"}.${key}`;
  window.__md_get = (key) => (memory.has(scoped(key)) ? memory.get(scoped(key)) : null);
  window.__md_set = (key, value) => {
    memory.set(scoped(key), value);
  };
})();
