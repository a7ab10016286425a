"""Spreadsheet import and export of a convention's tables (domain.md §7)."""
