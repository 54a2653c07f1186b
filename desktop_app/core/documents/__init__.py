"""Document ingestion: files and folders to ``Document`` objects with their metadata."""
from .dct import ACCEPTED as DCT_FORMATS, DctError, dct_interval, parse_dct, try_parse_dct
from .loader import MAX_BYTES, TEXT_SUFFIXES, DocumentError, discover, load_file, load_paths
from .sidecar import read_sidecar, sidecar_path, write_sidecar

__all__ = [
    "DCT_FORMATS", "DctError", "dct_interval", "parse_dct", "try_parse_dct", "MAX_BYTES", "TEXT_SUFFIXES",
    "DocumentError", "discover", "load_file", "load_paths", "read_sidecar", "sidecar_path", "write_sidecar",
]
