"""Start-up benchmarks in headless Chromium, reported as ratios to baselines measured in the same run."""
