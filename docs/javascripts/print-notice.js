// Printed pages say when and where they were printed (overrides/partials/print-notice.html), so
// a reader of a paper copy can tell how old it is and where to find the current version: the day
// it is printed and the address it was printed from (not the address the site was built for,
// which a partnership's copy or a local preview does not share), on the first page and, where the
// browser prints page margins, at the top of every page. Filled in on load and again just before
// printing, in case the page was left open overnight. The address leaves out the part after "#",
// which on a flowchart page holds the answers.
(() => {
  const today = () =>
    new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  const address = () => location.origin + location.pathname + location.search;
  const header = document.createElement("style");
  const cssString = (text) => `"${text.replace(/["\\]/g, "\\$&").replace(/[\n\r]/g, " ")}"`;
  const fill = () => {
    for (const element of document.querySelectorAll("[data-print-date]")) element.textContent = today();
    for (const element of document.querySelectorAll("[data-print-address]")) element.textContent = address();
    const site = document.querySelector(".print-notice")?.dataset.siteName ?? "";
    header.textContent =
      `@page { @top-left { content: ${cssString(`${site}, printed ${today()} from ${address()}: check the website for the current version`)}; } }`;
    document.head.append(header);
  };
  document.addEventListener("DOMContentLoaded", fill);
  window.addEventListener("beforeprint", fill);
})();
