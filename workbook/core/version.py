"""The workbook's version, recorded in every output it makes."""

__version__ = "0.1.0"
