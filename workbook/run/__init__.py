"""Running notebooks headless: kernels forked from a warm process, papermill batches, the quarter-end summaries."""
