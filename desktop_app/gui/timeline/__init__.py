"""The zoomable timeline: event marks in actor lanes, an overview strip, and the undated list."""
from .view import TimelineView

__all__ = ["TimelineView"]
