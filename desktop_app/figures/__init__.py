"""Figure export: a backend-neutral scene built from the filtered corpus, drawn to PNG (QPainter) or SVG (text).

Qt is allowed here (and only for rendering and font metrics); the scene itself
is plain data so the two backends draw the same marks in the same places.
"""
