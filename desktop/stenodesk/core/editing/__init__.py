"""Editing a transcript: pure operations that return undoable edits.

Nothing here changes a transcript in place or knows about Qt: each
operation takes the current segments and returns an :class:`Edit`, which
applies (redo) and reverts (undo) itself. A front end keeps the edits on its
undo stack and shows ``edit.apply(segments)``.

- :mod:`.structure`: split, merge, delete, insert, start/end times, nudge.
- :mod:`.replace`: find and replace (match case, whole word, regex).
- :mod:`.checks`: subtitle checks with a reason per line, and the reshape.
- :mod:`.records`: edits as versioned JSON-able records for a job store.
"""

from stenodesk.core.editing.edit import Change, Edit, EditConflictError
from stenodesk.core.editing.records import EditRecordError

__all__ = ["Change", "Edit", "EditConflictError", "EditRecordError"]
