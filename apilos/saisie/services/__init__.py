"""Writes of the guided entry: keyword-only functions, each in one transaction."""
