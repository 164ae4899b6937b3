// Writes the site's service worker, sw.js, with Workbox (workbox-build's generateSW).
//
// Why Workbox: precaching with revisions, atomic updates and cleanup of old caches is easy to get
// subtly wrong by hand, and Workbox is the maintained, widely used implementation.
//
// What the worker does: it precaches every file of the built site (Pyodide included), so after
// one visit the whole site works offline and repeat visits read the engine from Cache Storage
// without revalidating. It caches nothing at run time: only the site's own static files, never a
// request made with something a user typed. Every entry carries a sha384 integrity hash that the
// browser checks when the worker downloads it.
//
// Usage: node generate_sw.mjs <site dir> <integrity JSON file>
//   The integrity file maps each site-relative URL to its "sha384-..." hash (written by
//   sitebuild/service_worker.py, which also chooses what is precached).

import { readFileSync } from "node:fs";
import { generateSW } from "workbox-build";

const [siteDir, integrityFile] = process.argv.slice(2);
const integrity = JSON.parse(readFileSync(integrityFile, "utf-8"));

const { count, size, warnings } = await generateSW({
  globDirectory: siteDir,
  globPatterns: ["**/*"],
  // The worker and the script it imports are never precached; bench/ is the benchmark's scratch folder.
  globIgnores: ["sw.js", "sw-handover.js", "bench/**", "**/*.map"],
  swDest: `${siteDir}/sw.js`,
  // On its first install the worker takes the engine's files from what the chart page has just
  // downloaded and checked, instead of downloading them again (see docs/sw-handover.js).
  importScripts: ["sw-handover.js"],
  // The Workbox runtime is bundled into sw.js: nothing is loaded from a CDN.
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: "production",
  // The wasm is 9.6 MB; the default limit (2 MB) would silently leave Pyodide out.
  maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
  // Paths that already carry a version or a content hash (Pyodide's version folder, the wheel's
  // hash folder, Material's hashed bundles, ours from hooks/versioned_assets.py) are fetched
  // without cache-busting, so the worker's install reuses what the page has just downloaded
  // instead of downloading it again.
  dontCacheBustURLsMatching: /^(assets\/pyodide\/[^/]+\/|assets\/flowchart\/[0-9a-f]+\/|assets\/(javascripts|stylesheets)\/.*\.[0-9a-f]{8,}\.min\.|(javascripts|stylesheets)\/[^/]+\.[0-9a-f]{8,}\.(m?js|css)$)/,
  manifestTransforms: [
    (entries) => ({
      manifest: entries.map((entry) => {
        const hash = integrity[entry.url];
        if (!hash) {
          throw new Error(`no integrity hash for ${entry.url}`);
        }
        return { ...entry, integrity: hash };
      }),
      warnings: [],
    }),
  ],
  // A new version waits until every tab of the old one is closed (no skipWaiting), so pages and
  // engine files of two deploys are never mixed; on the first visit it takes charge at once.
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  // No navigateFallback and no runtimeCaching: only the precached files are ever served or stored.
});
for (const warning of warnings) {
  console.error("workbox:", warning);
}
if (warnings.length) {
  process.exit(1);
}
console.log(JSON.stringify({ count, size }));
