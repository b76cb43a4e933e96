"""How long the transcript editor takes to show an edit of a long transcript.

    .venv/bin/python bench/editor_latency.py [--lines 3000] [--repeat 5]

An offscreen transcript page (the real TranscriptWidget) shows ``--lines``
lines of wrapped text. Each edit (split, merge, a text change, a nudge, undo,
redo, replace all) is made through the document and timed until the window
has handled it (events processed). The reference, measured in the same run,
is what every edit cost before the model followed edits row by row: the
table reset and every row measured again. Prints the median and the worst
of each, and each median as a fraction of the reference's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app, doc, view = build(args.lines)
    settle(app, 3.0)  # the first measuring of every row, once
    middle = args.lines // 2
    editor = doc.editor

    def timed(make: Callable[[], object]) -> list[float]:
        times = []
        for _ in range(args.repeat):
            view.table.setCurrentIndex(view.model.index(middle, 3))
            start = time.perf_counter()
            make()
            settle(app, 0.0)
            times.append(time.perf_counter() - start)
            settle(app, 0.3)  # a debounced full measuring (replace all) lands here, untimed
        return times

    def reset() -> None:
        view.model._on_doc_reset()  # what each edit cost before: the whole table again
        view.table.resizeRowsToContents()

    results = {"reference: reset + measure all": timed(reset)}
    rows = iter(range(middle - 40, middle + 40, 4))  # a fresh line each time
    results["split"] = timed(lambda: editor.split_line(next(rows), 10))
    results["merge"] = timed(lambda: editor.merge_with_next(middle))
    words = iter(range(10 * args.repeat))
    results["text"] = timed(lambda: editor.set_text(middle, f" Changed {next(words)}."))
    results["nudge"] = timed(lambda: editor.nudge(middle, "end", -0.05))
    results["undo"] = timed(doc.undo_stack.undo)
    results["redo"] = timed(doc.undo_stack.redo)
    flip = iter(("Row", "Line") * args.repeat)
    results["replace all (every line)"] = timed(
        lambda: editor.replace_all(*(("Line", "Row") if next(flip) == "Row" else ("Row", "Line")))
    )
    from stenodesk.core.editing.checks import SubtitleRules

    def reshape_then_undo() -> None:
        editor.reshape(SubtitleRules(max_chars_per_line=30))  # every line in two cues
        doc.undo_stack.undo()

    results["reshape (every line) + undo"] = timed(reshape_then_undo)
    report(results, args.lines, args.repeat)
    view.close()
    return 0


def build(count: int) -> tuple[Any, Any, Any]:
    """The app, a document of ``count`` wrapped lines, and the widget showing it."""
    from PySide6.QtWidgets import QApplication

    from stenodesk.bridge.playback import Player
    from stenodesk.core.transcript import Segment
    from stenodesk.ui.transcript_model import TranscriptDocument
    from stenodesk.ui.transcript_widget import TranscriptWidget

    app = QApplication(sys.argv[:1])
    text = " Line {n}: a sentence long enough to wrap onto a second line of the table."
    lines = tuple(Segment(n, n * 3.0, n * 3.0 + 2.5, text.format(n=n)) for n in range(count))
    doc = TranscriptDocument("bench", Path("/nowhere/bench.wav"))
    doc.replace_all(lines)
    view = TranscriptWidget(Player())
    view.resize(700, 600)
    view.show()
    view.set_document(doc)
    view.set_editable(True)
    return app, doc, view


def report(results: dict[str, list[float]], lines: int, repeat: int) -> None:
    reference = statistics.median(results["reference: reset + measure all"])
    print(f"{lines} lines, median of {repeat} (worst), offscreen")
    for name, times in results.items():
        median = statistics.median(times)
        print(
            f"  {name:32s} {median * 1000:8.1f} ms ({max(times) * 1000:7.1f})"
            f"  {median / reference:6.3f} of the reference"
        )


def settle(app: object, seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    end = time.perf_counter() + seconds
    app.processEvents()
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


if __name__ == "__main__":
    sys.exit(main())
