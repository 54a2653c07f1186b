"""Headless entry points; they use the same core as the GUI."""
