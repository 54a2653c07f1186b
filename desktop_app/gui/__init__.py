"""Eventscope's Qt views and application shell. Imports the core; the core never imports this."""
