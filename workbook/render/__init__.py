"""Rendering: the one escaped HTML table, charts, each stage's reports, the summary and team overview, export and PDF."""
