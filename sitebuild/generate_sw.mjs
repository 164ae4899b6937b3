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
// Usage: node generate_sw.mjs <site dir> <plan JSON file>
//   The plan (written by sitebuild/service_worker.py) holds `integrity`, each site-relative URL's
//   "sha384-..." hash, and `versioned`, the URLs whose names change with their content.

import { readFileSync } from "node:fs";
import { generateSW } from "workbox-build";

const [siteDir, planFile] = process.argv.slice(2);
const { integrity, versioned } = JSON.parse(readFileSync(planFile, "utf-8"));
const versionedUrls = new Set(versioned);

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
  manifestTransforms: [
    (entries) => {
      const urls = new Set(entries.map((entry) => entry.url));
      const unknown = versioned.filter((url) => !urls.has(url));
      if (unknown.length) {
        throw new Error(`versioned files not in the site: ${unknown.join(", ")}`);
      }
      return {
        manifest: entries.map((entry) => {
          const hash = integrity[entry.url];
          if (!hash) {
            throw new Error(`no integrity hash for ${entry.url}`);
          }
          // A file whose name already carries its version or content hash is taken without a
          // revision (so without cache-busting): the worker's install reuses what the page has
          // just downloaded instead of downloading it again.
          const revision = versionedUrls.has(entry.url) ? null : entry.revision;
          return { ...entry, revision, integrity: hash };
        }),
        warnings: [],
      };
    },
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
