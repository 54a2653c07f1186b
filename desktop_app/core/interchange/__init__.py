"""Exchanging a corpus with other tools: CSV, GraphML, GEXF and workspace JSON.

::

    from desktop_app.core.interchange import (export_events_csv, export_actors_csv, export_ties_csv,
        export_graphml, export_gexf, export_workspace_json, import_workspace_json, InterchangeError)
"""
from desktop_app.core.interchange.csv_export import export_actors_csv, export_events_csv, export_ties_csv
from desktop_app.core.interchange.errors import InterchangeError
from desktop_app.core.interchange.exports import EXPORTS, export
from desktop_app.core.interchange.graph_files import export_gexf, export_graphml
from desktop_app.core.interchange.json_codec import corpus_from_json, corpus_to_json
from desktop_app.core.interchange.network import network_graph
from desktop_app.core.interchange.workspace_json import (
    FORMAT_VERSION, export_workspace_json, import_workspace_json, workspace_from_json, workspace_to_json,
)

__all__ = [
    "EXPORTS", "export", "FORMAT_VERSION", "InterchangeError", "corpus_from_json", "corpus_to_json", "export_actors_csv",
    "export_events_csv", "export_gexf", "export_graphml", "export_ties_csv", "export_workspace_json",
    "import_workspace_json", "network_graph", "workspace_from_json", "workspace_to_json",
]
