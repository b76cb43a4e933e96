"""``stenodesk transcribe FILE...``: subtitles or text for each file, offline."""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from stenodesk.core.engine.device import DevicePlanner
from stenodesk.core.engine.options import TranscribeOptions
from stenodesk.core.engine.result import Progress
from stenodesk.core.errors import Cancelled, ErrorKind, StenodeskError
from stenodesk.core.export.chinese import SCRIPTS, ScriptConverter
from stenodesk.core.export.formats import FORMATS
from stenodesk.core.export.shaping import SubtitleOptions
from stenodesk.core.export.writer import export
from stenodesk.core.jobs.prepare import clock
from stenodesk.core.languages import describe, parse_language
from stenodesk.core.settings import Settings
from stenodesk.core.transcript import Transcript

if TYPE_CHECKING:
    from stenodesk.commands.base import Context, SubParsers
    from stenodesk.core.engine.transcriber import Transcriber
    from stenodesk.core.jobs.runner import JobResult, JobRunner

log = logging.getLogger(__name__)


def add_parser(sub: SubParsers, s: Settings) -> None:
    t = s.transcription
    p = sub.add_parser("transcribe", help="transcribe media files to subtitles or text")
    p.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="media files, or folders to search"
    )
    p.add_argument(
        "--model", default=t.model, help=f"auto, a model name or folder (default {t.model})"
    )
    p.add_argument("--language", default=t.language or "auto", help="language code, or auto")
    p.add_argument("--task", choices=("transcribe", "translate"), default=t.task)
    p.add_argument(
        "--format",
        default=s.export.format,
        help="one or more of srt,vtt,txt,json,rttm, comma separated (default %(default)s)",
    )
    p.add_argument("--output-dir", type=Path, help="where to write (default: beside each file)")
    p.add_argument("--overwrite", action="store_true", help="replace existing output files")
    p.add_argument(
        "--resume",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="continue an interrupted job of the same file and settings (default: yes)",
    )
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default=s.device.device)
    p.add_argument(
        "--device-index",
        default=s.device.device_index,
        help="which GPU: auto (the most free memory) or its index",
    )
    p.add_argument("--compute-type", default=s.device.compute_type)
    p.add_argument("--beam-size", type=int, default=t.beam_size)
    p.add_argument("--vad", action=argparse.BooleanOptionalAction, default=t.vad_filter)
    p.add_argument(
        "--word-timestamps", action=argparse.BooleanOptionalAction, default=t.word_timestamps
    )
    p.add_argument(
        "--batch-size",
        type=_batch_size,
        default=t.batch_size,
        help="auto (batched on the GPU, sequential on the CPU), 0 = sequential, or a batch size",
    )
    p.add_argument("--threads", type=int, default=t.cpu_threads, help="CPU threads, 0 = auto")
    p.add_argument("--max-line", type=int, default=s.export.max_chars_per_line)
    p.add_argument("--max-lines", type=int, default=s.export.max_lines)
    p.add_argument("--max-duration", type=float, default=s.export.max_duration)
    p.add_argument(
        "--speaker-labels",
        action=argparse.BooleanOptionalAction,
        default=s.export.speaker_labels,
        help="start SRT subtitles with the speaker's name when speakers were found",
    )
    p.add_argument(
        "--chinese-script",
        choices=SCRIPTS,
        default=s.ui.chinese_script,
        help="write Chinese in this script (default %(default)s)",
    )
    p.add_argument(
        "--speakers",
        default=t.speakers,
        help="name who speaks: off, auto, a number (2) or a range (2-4) (default %(default)s)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--download", action="store_true", help="download the model first if it is not here"
    )


def _batch_size(value: str) -> int:
    """``auto`` or a number, as ``TranscribeOptions.batch_size`` takes it."""
    from stenodesk.core.engine.batching import AUTO

    if value.strip().lower() == "auto":
        return AUTO
    size = int(value)
    if size < 0:
        raise ValueError(f"batch size must be auto, 0 or more, not {value!r}")
    return size


def _formats(value: str) -> list[str]:
    names = list(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ValueError(f"unknown format {', '.join(unknown) or value!r}")
    return names


def options_from_args(args: argparse.Namespace) -> TranscribeOptions:
    language = parse_language(args.language)
    return TranscribeOptions(
        model=args.model,
        device=args.device,
        device_index=args.device_index,
        compute_type=args.compute_type,
        cpu_threads=args.threads,
        language=language,
        task=args.task,
        beam_size=args.beam_size,
        vad_filter=args.vad,
        batch_size=args.batch_size,
        speakers=args.speakers,
        # Splitting a segment where the voice changes needs each word's time.
        word_timestamps=args.word_timestamps or args.speakers.strip().lower() != "off",
    )


def _job_runner(ctx: Context, transcriber: Transcriber) -> JobRunner:
    """Jobs are journaled in the user's data folder, so an interrupted one can resume.

    A job's journal is removed once its outputs are written; when writing
    fails, the finished journal stays and the next run for the same file and
    settings writes the outputs from it without transcribing again.
    """
    from stenodesk.core.jobs.runner import JobRunner
    from stenodesk.core.jobs.store import JobStore

    return JobRunner(transcriber, JobStore(ctx.dirs.jobs))


def run(ctx: Context, args: argparse.Namespace) -> int:
    from stenodesk.commands import base

    try:
        formats = _formats(args.format)
        options = options_from_args(args)
        options.validate()
        subtitles = SubtitleOptions(
            args.max_line, args.max_lines, args.max_duration, speaker_labels=args.speaker_labels
        )
        subtitles.validate()
    except ValueError as exc:
        print(f"stenodesk transcribe: {exc}", file=ctx.err)
        return base.EXIT_USAGE
    if args.output_dir is not None and not _make_output_dir(ctx, args.output_dir):
        return base.EXIT_USAGE

    from stenodesk.commands import models
    from stenodesk.core.engine.transcriber import Transcriber

    try:
        options, script = prepare_job(ctx, options, args.chinese_script)
    except StenodeskError as exc:
        print(exc.message, file=ctx.err)
        return base.EXIT_MODEL
    if args.download and not Path(options.model).expanduser().is_dir():
        try:
            models.download(ctx, models.make_store(ctx), options.model, quiet=args.quiet)
        except StenodeskError as exc:
            print(exc.message, file=ctx.err)
            return base.EXIT_MODEL if exc.kind in base.MODEL_KINDS else base.EXIT_INPUT
    resolver = models.make_resolver(ctx)
    transcriber = Transcriber(resolver, plan_device=device_planner(ctx, options.device_index))
    files, refused = _inputs(ctx, args.files)
    failed = len(refused)
    runner = _job_runner(ctx, transcriber)
    for path in files:
        bar = ProgressBar(path.name, ctx.err, enabled=not args.quiet and ctx.err.isatty())
        started = time.monotonic()
        try:
            _check_outputs(path, formats, args, lambda: resolver(options.model))
            job = _transcribe_one(
                ctx, runner, path, options=options, script=script, args=args, bar=bar
            )
            written = _write_outputs(job.transcript, path, formats, args, subtitles)
            if job.origin == "cli":  # the app's jobs stay in its queue
                runner.store.remove(job.job_id)  # the outputs are written: the journal is done
        except StenodeskError as exc:
            bar.close()
            print(exc.message, file=ctx.err)
            log.info("%s failed: %s", path, exc)
            if exc.kind is ErrorKind.MODEL_MISSING:
                print("Or add --download to fetch it now.", file=ctx.err)
            if exc.kind in base.MODEL_KINDS:
                return base.EXIT_MODEL  # no file can succeed without the model
            failed += 1
            continue
        except Cancelled:
            bar.close()
            print("Cancelled.", file=ctx.err)
            return base.EXIT_CANCELLED
        bar.close()
        print(
            _summary(
                source=path,
                written=written,
                transcript=job.transcript,
                seconds=time.monotonic() - started,
                options=options,
                resumed_from=job.resumed_from,
            ),
            file=ctx.err,
        )
    if failed == 0:
        return base.EXIT_OK
    return base.EXIT_INPUT if failed == len(files) + len(refused) else base.EXIT_PARTIAL


def _inputs(ctx: Context, paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files to transcribe, folders refused): a folder stands for the media files in it.

    As when a folder is dropped on the app (``core.audio.folders``); a folder
    with none is refused, and said so here. A file is passed on as given,
    for its job to say what is wrong with it.
    """
    from stenodesk.core.audio.folders import expand

    files, refused = [], []
    for path in expand(paths):
        if path.is_dir():
            print(StenodeskError(ErrorKind.NO_MEDIA_IN_FOLDER, path.name).message, file=ctx.err)
            refused.append(path)
        else:
            files.append(path)
    return files, refused


def _transcribe_one(
    ctx: Context,
    runner: JobRunner,
    path: Path,
    *,
    options: TranscribeOptions,
    script: ScriptConverter,
    args: argparse.Namespace,
    bar: ProgressBar,
) -> JobResult:
    """One file through the job runner, with a second progress line for the speaker step."""
    speakers = SpeakerBar(ctx, path, args.quiet)
    try:
        return runner.transcribe(
            path,
            options,
            resume=args.resume,
            on_progress=bar.update,
            on_notice=bar.notice,
            on_speakers=speakers.update,
            convert=script,
        )
    finally:
        speakers.close()


class SpeakerBar:
    """The speaker step's own progress line, shown from its first report."""

    def __init__(self, ctx: Context, source: Path, quiet: bool) -> None:
        self._ctx, self._source, self._quiet = ctx, source, quiet
        self._bar: ProgressBar | None = None

    def update(self, progress: Progress) -> None:
        if self._bar is None:
            enabled = not self._quiet and self._ctx.err.isatty()
            self._bar = ProgressBar(
                f"{self._source.name[:21]} speakers", self._ctx.err, enabled=enabled
            )
        self._bar.update(progress)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _make_output_dir(ctx: Context, folder: Path) -> bool:
    """Create the output folder with its parents; say why when that cannot be done."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(
            f"stenodesk transcribe: cannot create the output folder {folder}: "
            f"{exc.strerror or exc}. Choose a folder you can write to.",
            file=ctx.err,
        )
        return False
    return True


def _summary(
    *,
    source: Path,
    written: list[Path],
    transcript: Transcript,
    seconds: float,
    options: TranscribeOptions,
    resumed_from: float | None,
) -> str:
    info = transcript.info
    names = ", ".join(p.name for p in written)
    language = describe(info.language, info.language_probability, detected=options.language is None)
    resumed = "" if resumed_from is None else f", resumed at {clock(resumed_from)}"
    return (
        f"{source.name} -> {names} ({info.duration:.1f} s of audio in {seconds:.1f} s, "
        f"{language}, {info.model} on {info.device}/{info.compute_type}{resumed})"
    )


def _write_outputs(
    transcript: Transcript,
    source: Path,
    formats: list[str],
    args: argparse.Namespace,
    subtitles: SubtitleOptions,
) -> list[Path]:
    return [
        export(transcript, fmt, target, subtitles=subtitles, overwrite=args.overwrite)
        for fmt, target in zip(formats, _targets(source, formats, args), strict=True)
    ]


def _check_outputs(
    source: Path, formats: list[str], args: argparse.Namespace, check_model: Callable[[], object]
) -> None:
    """Refuse a file whose outputs are there already before any work, not after it.

    Raises:
        StenodeskError: OUTPUT_EXISTS (writing checks again, for files that
            appear meanwhile); first what ``check_model`` raises, as a missing
            model stops every file, not just this one.
    """
    if args.overwrite:
        return
    taken = [t for t in _targets(source, formats, args) if t.exists()]
    if taken:
        check_model()
        raise StenodeskError(ErrorKind.OUTPUT_EXISTS, taken[0].name)


def _targets(source: Path, formats: list[str], args: argparse.Namespace) -> list[Path]:
    """The files a transcript of ``source`` is written to, one per format."""
    folder = args.output_dir or source.parent
    return [folder / (source.stem + FORMATS[fmt].extension) for fmt in formats]


def prepare_job(
    ctx: Context, options: TranscribeOptions, chinese_script: str
) -> tuple[TranscribeOptions, ScriptConverter]:
    """Pick the model ("auto", or away from an English-only one) and the Chinese script.

    A notice about a changed model goes to stderr before any work starts.
    """
    from stenodesk.commands.models import model_root
    from stenodesk.core.jobs.prepare import prepare

    prepared, converter = prepare(options, model_root(ctx), chinese_script)
    if prepared.notice:
        print(prepared.notice, file=ctx.err)
    return prepared.options, converter


def device_planner(ctx: Context, device_index: str | None = None) -> DevicePlanner:
    """The planner that picks CPU or GPU for jobs.

    The CUDA libraries are preloaded and the GPU checked on the first job
    that may use the GPU (cached afterwards); ``--device cpu`` skips all that.
    On the CPU, compute type ``auto`` is the one measured fastest for the
    model on this processor (:mod:`stenodesk.core.engine.cputune`).
    """
    from stenodesk.commands.doctor import gpu_planner
    from stenodesk.commands.models import make_resolver
    from stenodesk.core.engine.cputune import tuned_planner

    return tuned_planner(gpu_planner(ctx, device_index), make_resolver(ctx), ctx.dirs.cache)


class ProgressBar:
    """One line on stderr, redrawn in place; silent when stderr is not a terminal."""

    WIDTH = 30

    def __init__(self, name: str, stream: TextIO, *, enabled: bool) -> None:
        self._name = name[:30]
        self._stream = stream
        self._enabled = enabled
        self._last = 0.0
        self._drawn = False

    def update(self, progress: Progress) -> None:
        now = time.monotonic()
        if not self._enabled or (now - self._last < 0.1 and progress.fraction < 1.0):
            return
        self._last = now
        filled = int(progress.fraction * self.WIDTH)
        eta = progress.eta
        eta_text = f" ETA {clock(eta)}" if eta is not None else ""
        self._stream.write(
            f"\r{self._name} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{progress.fraction * 100:5.1f}%{eta_text}  "
        )
        self._stream.flush()
        self._drawn = True

    def notice(self, text: str) -> None:
        self.close()
        print(text, file=self._stream)

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._drawn = False
