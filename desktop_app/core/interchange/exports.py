"""Every export by name, so the GUI menu and the CLI offer the same list and write the same files."""
from __future__ import annotations

import os
from typing import Callable

from desktop_app.core.interchange.csv_export import export_actors_csv, export_events_csv, export_ties_csv
from desktop_app.core.interchange.graph_files import export_gexf, export_graphml
from desktop_app.core.interchange.workspace_json import export_workspace_json

# kind -> (what it is, file dialog filter, suffix)
EXPORTS: dict[str, tuple[str, str, str]] = {
    "events_csv": ("Events as CSV", "CSV (*.csv)", ".csv"),
    "actors_csv": ("Actors as CSV", "CSV (*.csv)", ".csv"),
    "ties_csv": ("Ties as CSV", "CSV (*.csv)", ".csv"),
    "graphml": ("Network as GraphML", "GraphML (*.graphml)", ".graphml"),
    "gexf": ("Network as GEXF (Gephi, dynamic)", "GEXF (*.gexf)", ".gexf"),
    "json": ("Workspace as JSON", "JSON (*.json)", ".json"),
}

_CORPUS_WRITERS: dict[str, Callable] = {
    "events_csv": export_events_csv, "actors_csv": export_actors_csv, "ties_csv": export_ties_csv,
    "graphml": export_graphml, "gexf": export_gexf,
}


def export(kind: str, workspace, path: str | os.PathLike) -> None:
    """Write ``workspace`` (its corrected corpus, or all of it for JSON) as ``kind``; InterchangeError on failure."""
    if kind == "json":
        export_workspace_json(path, workspace)
    elif kind in _CORPUS_WRITERS:
        if kind in ("graphml", "gexf", "ties_csv") and hasattr(workspace, "happenings"):
            workspace.happenings        # sets corpus.happenings (with the analyst's merges): ties count them
        _CORPUS_WRITERS[kind](workspace.corpus, path)
    else:
        raise ValueError(f"unknown export {kind!r}; choose one of {', '.join(EXPORTS)}")
