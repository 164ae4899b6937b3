// Printed pages say the day they were printed (overrides/partials/print-notice.html), so a
// reader of a paper copy can tell how old it is. Filled in on load and again just before printing,
// in case the page was left open overnight.
(() => {
  const today = () =>
    new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  const fill = () => {
    for (const element of document.querySelectorAll("[data-print-date]")) element.textContent = today();
  };
  document.addEventListener("DOMContentLoaded", fill);
  window.addEventListener("beforeprint", fill);
})();
