"""What the mouse and keyboard do to the network: hit-testing, select/toggle/clear, drag, hover.

A mixin for ``NetworkView``: it reads the view's positions, pixel radii and
emphasis levels, and writes only the selection model (plus node positions
when dragging), so the gestures can be read and tested apart from drawing.
"""
from __future__ import annotations

import html
from typing import Optional

import numpy as np
from PySide6.QtCore import QPointF, Qt

from ..actor_details import evidence_lines
from .edges import HIDDEN, NORMAL
from .emphasis import GHOST


class NodeGestures:
    def node_at(self, point: QPointF, slack_px: float = 3.0) -> Optional[int]:
        """The node drawn under a view-coordinate point (ghosts are not hit), or None."""
        if self.data is None or self.pos is None or self.data.n_nodes == 0:
            return None
        vr = self.viewbox.viewRect()
        rect = self.viewbox.boundingRect()
        if vr.width() <= 0 or vr.height() <= 0 or rect.width() <= 0:
            return None
        sx, sy = rect.width() / vr.width(), rect.height() / vr.height()
        dx = (self.pos[:, 0] - point.x()) * sx
        dy = (self.pos[:, 1] - point.y()) * sy
        d2 = dx * dx + dy * dy
        reach = (self._radius + slack_px) ** 2
        hit = (d2 <= reach) & (self.node_level > GHOST)
        if not hit.any():
            return None
        cand = np.flatnonzero(hit)
        return int(cand[np.argmin(d2[cand])])

    def tie_at(self, point: QPointF, slack_px: float = 4.0) -> Optional[int]:
        """The drawn tie passing within ``slack_px`` pixels of a view-coordinate point, or None."""
        d = self.data
        if d is None or self.pos is None or d.n_edges == 0 or len(self.edge_level) != d.n_edges:
            return None
        vr, rect = self.viewbox.viewRect(), self.viewbox.boundingRect()
        if vr.width() <= 0 or vr.height() <= 0 or rect.width() <= 0:
            return None
        sx, sy = rect.width() / vr.width(), rect.height() / vr.height()
        live = np.flatnonzero(self.edge_level > HIDDEN)
        if not len(live):
            return None
        ax = (self.pos[d.src[live], 0] - point.x()) * sx
        ay = (self.pos[d.src[live], 1] - point.y()) * sy
        bx = (self.pos[d.dst[live], 0] - point.x()) * sx
        by = (self.pos[d.dst[live], 1] - point.y()) * sy
        # Distance from the origin (the pointer) to each segment a-b, in pixels.
        vx, vy = bx - ax, by - ay
        t = np.clip(-(ax * vx + ay * vy) / np.maximum(vx * vx + vy * vy, 1e-12), 0.0, 1.0)
        cx, cy = ax + t * vx, ay + t * vy
        d2 = cx * cx + cy * cy
        best = int(np.argmin(d2))
        return int(live[best]) if d2[best] <= slack_px * slack_px else None

    def click_node(self, node: Optional[int], ctrl: bool = False) -> None:
        """What a click does: select, Ctrl-toggle, or (on empty space) clear the actors."""
        sel = self.state.selection
        if node is None:
            if not ctrl:
                sel.set_actors(())
        elif ctrl:
            sel.toggle_actor(self.data.ids[node])
        else:
            sel.set_actors([self.data.ids[node]])

    def _clicked(self, point: QPointF, modifiers) -> None:
        ctrl = bool(modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        self.click_node(self.node_at(point), ctrl)

    def clear_actors(self) -> None:
        self.state.selection.set_actors(())

    def clear_one(self) -> Optional[str]:
        """Esc: the selected event, then the time window, then the actors -- the timeline's order."""
        return self.state.selection.clear_one()

    def _dragged(self, node: int, point: QPointF, finished: bool) -> None:
        """Move one node; its ties follow. A drag is not a selection change, so no redraw count."""
        self.pos[node] = (point.x(), point.y())
        if finished or len(self.nodes.data) != self.data.n_nodes:
            self._push_nodes(moved=True)
            self._place_labels()
            return
        # Mid-drag: move the one point in place (the scatter keeps nodes in index order and
        # maps its x/y arrays on every paint) instead of re-adding all of them, which cost
        # ~50 ms per mouse move at 10k actors.
        self.nodes.data["x"][node], self.nodes.data["y"][node] = point.x(), point.y()
        self.nodes.prepareGeometryChange()
        self.nodes.bounds = [None, None]
        self.nodes.update()
        base_edges = np.where(self.edge_level == HIDDEN, HIDDEN, NORMAL)
        self.edges.set_edges(self.pos, self.data.src, self.data.dst, base_edges, self._buckets)
        self._push_front()

    def _mouse_moved(self, scene_pos) -> None:
        if not self.viewbox.sceneBoundingRect().contains(scene_pos):
            self.hover_node, self.hover_text = None, ""
            self.tip.hide()
            return
        point = self.viewbox.mapSceneToView(scene_pos)
        node = self.node_at(point)
        if node is None:
            # Off the nodes, a tie says what it stands for: "3 happenings (41 reports)".
            tie = self.tie_at(point)
            key = None if tie is None else ("tie", tie)
            if key != self.hover_node:
                self.hover_node = key
                self.hover_text = html.escape(self.data.tie_text(tie)) if tie is not None else ""
        elif node != self.hover_node:
            self.hover_node = node
            self.hover_text = self.describe(node)
        if not self.hover_text:
            self.tip.hide()
        else:
            # Re-shown on every move over the node: the tip follows the pointer and stays while it rests.
            self.tip.show_text(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), self.hover_text)

    def describe(self, node: int) -> str:
        d = self.data
        aliases = [a for a in d.aliases[node] if a != d.names[node]]
        lines = [f"<b>{html.escape(d.names[node])}</b> · {html.escape(d.types[node] or 'unknown type')}"]
        if aliases:
            lines.append("Also: " + html.escape(", ".join(aliases)))
        lines.append(f"Events: {int(d.event_counts[node])} · Ties: {int(d.degree[node])}")
        lines.extend(html.escape(x) for x in evidence_lines(d.evidence[node] if node < len(d.evidence) else []))
        if d.betweenness is not None:
            lines.append(f"Betweenness: {d.betweenness[node]:.3f}")
        return "<br>".join(lines)
