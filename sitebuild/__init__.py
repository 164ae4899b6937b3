"""Build-time support for the site: compiling charts, building the engine's wheel, installing the
self-hosted Pyodide runtime and wiring charts into pages. Called from hooks/chart_pages.py and the
tests; never shipped to the browser."""
