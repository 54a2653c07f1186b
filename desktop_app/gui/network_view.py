"""Where the main window finds the network view; the parts live in ``gui.network``."""
from desktop_app.gui.network.view import NetworkView

__all__ = ["NetworkView"]
