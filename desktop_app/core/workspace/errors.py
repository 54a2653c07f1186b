"""The one exception the workspace layer raises for anything the user must hear about."""
from __future__ import annotations


class WorkspaceError(Exception):
    """A problem with a workspace file or an edit, worded for the analyst.

    ``str(error)`` is the whole message a dialog or the CLI shows; callers
    never need to inspect the cause to explain what went wrong.
    """
