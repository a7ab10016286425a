"""Writes of the instruction loop: comments, messages, journal, corrections, notifications."""
