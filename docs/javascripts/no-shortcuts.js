// WCAG 2.1.4 (character key shortcuts): Material binds single keys to actions — f, s and / open
// search, p and , go to the previous page, n and . to the next — with no way to turn them off.
// A speech-input user saying a word, or anyone brushing a key, can trigger them. This stops
// those keys reaching Material's handler unless the person is typing into a field; search stays
// one click (or Tab and Enter) away.
(() => {
  const MATERIAL_SHORTCUTS = new Set(["f", "s", "/", "p", ",", "n", "."]);
  const typing = (target) =>
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  document.addEventListener(
    "keydown",
    (event) => {
      if (
        MATERIAL_SHORTCUTS.has(event.key) &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !typing(event.target)
      ) {
        event.stopPropagation();
      }
    },
    true,
  );
})();
