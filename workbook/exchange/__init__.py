"""Whole records in and out of a workbook: the YAML importer (all or nothing), with coaching warnings."""
