"""The live engine's short encoder input against faster-whisper's 30 s: accuracy and speed.

    .venv/bin/python bench/live_context.py [--language en|es|fr] [--model M] [--pad S] [--min S]

The live engine encodes each stretch of audio with ``--pad`` seconds of
padding, and at least ``--min`` seconds, instead of faster-whisper's 30 s,
and cuts a decode whose words loop where they start over
(``stenodesk.core.audio.engine``). This decodes the same audio both ways,
greedy with word timestamps, each clip with the text before it as its
prompt, as live decoding does, and prints the word error rate of each, the
decodes that looped, and the seconds spent.

Audio: Asterisk's prompts of 5 to 40 words in the language (studio
recordings; Debian's ``asterisk-core-sounds-LANG-g722``, with the reference
texts from ``asterisk-core-sounds-LANG``'s transcript list; skipped when
those packages are missing) and, in English, the 12 test sentences
(espeak-ng) one by one and in threes (about 10 s each). Last, silence and
noise, which should give no words. The model is the built-in the app picks
for the language (tiny.en for English, the multilingual base otherwise).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jiwer
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the speech and recording helpers live in tests/

from tests.helpers import recordings, speech  # noqa: E402

from stenodesk.core.audio.decode import Pcm, decode_all  # noqa: E402

PROMPT_CHARS = 200
"""The live policy's prompt: the last 200 characters of committed text."""
VOICES = {"en": recordings.EN, "es": recordings.ES, "fr": recordings.FR}


def transcripts(language: str) -> Path:
    return Path(f"/usr/share/doc/asterisk-core-sounds-{language}/core-sounds-{language}.txt.gz")


def asterisk_prompts(language: str = "en") -> list[tuple[str, Pcm]]:
    """Every prompt of 5 to 40 words, with its text, from the installed packages."""
    if not transcripts(language).is_file():
        return []
    clips = []
    with gzip.open(transcripts(language), "rt", encoding="utf-8") as listing:
        for line in listing:
            name, sep, text = line.partition(":")
            text = " ".join(text.split())
            if not sep or line.startswith(";") or "[" in text or "(" in text:
                continue
            path = recordings.SOUNDS / VOICES[language] / f"{name.strip()}.g722"
            if 5 <= len(text.split()) <= 40 and path.is_file():
                clips.append((text, decode_all(path)))
    return clips


def espeak_clips(tmp: Path) -> dict[str, list[tuple[str, Pcm]]]:
    pad = speech.silence(0.2)
    said = [(s, speech.say_pcm(s, tmp)) for s in speech.SENTENCES]
    singles = [(s, np.concatenate([pad, pcm, pad])) for s, pcm in said]
    threes = []
    for i in range(0, len(said), 3):
        group = said[i : i + 3]
        pcm = np.concatenate([np.concatenate([p, speech.silence(0.4)]) for _, p in group])
        threes.append((" ".join(s for s, _ in group), pcm))
    return {"espeak, one sentence": singles, "espeak, three sentences": threes}


def run(decode: Callable[[Pcm, str], str], clips: list[tuple[str, Pcm]]) -> tuple[float, float]:
    """Word error rate and seconds; each clip has the text before it as its prompt, as live."""
    refs, hyps = [], []
    started = time.perf_counter()
    prompt = ""
    for reference, pcm in clips:
        hyps.append(recordings.normalise(decode(pcm, prompt[-PROMPT_CHARS:])))
        refs.append(recordings.normalise(reference))
        prompt = f"{prompt} {reference}"
    return float(jiwer.wer(refs, hyps)), time.perf_counter() - started


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--language", choices=sorted(VOICES), default="en")
    p.add_argument("--model", help="default: the built-in the app picks for the language")
    p.add_argument("--pad", type=float, default=None, help="seconds (default: the app's)")
    p.add_argument("--min", type=float, default=None, help="seconds (default: the app's)")
    args = p.parse_args()

    from stenodesk.core.audio.engine import CONTEXT_MIN, CONTEXT_PAD, WhisperEngine
    from stenodesk.core.engine.options import TranscribeOptions
    from stenodesk.core.engine.transcriber import Transcriber
    from stenodesk.core.models.choice import choose_model
    from stenodesk.core.models.multilingual import installed_builtins
    from stenodesk.core.models.resolve import ModelResolver

    pad = CONTEXT_PAD if args.pad is None else args.pad
    minimum = CONTEXT_MIN if args.min is None else args.min
    with tempfile.TemporaryDirectory(prefix="context-bench-") as tmp_name:
        tmp = Path(tmp_name)
        builtins = installed_builtins(tmp / "builtin")
        options = TranscribeOptions(
            model=choose_model(args.model or "auto", args.language, builtins).model,
            compute_type="int8",
            cpu_threads=args.threads,
            language=args.language,
            beam_size=1,
        )
        model = Transcriber(ModelResolver(tmp)).model_for(options)
        short = WhisperEngine(model, options, context_pad=pad, context_min=minimum)
        full = WhisperEngine(model, options, context_pad=None)
        short.warm_up()
        corpora = espeak_clips(tmp) if args.language == "en" else {}
        prompts = asterisk_prompts(args.language)
        if prompts:
            corpora["Asterisk prompts (studio speech)"] = prompts
        else:
            print(f"{transcripts(args.language)} missing: Asterisk's prompts skipped")

    def words(engine: WhisperEngine) -> Callable[[Pcm, str], str]:
        return lambda pcm, prompt: "".join(w.text for w in engine.decode(pcm, prompt))

    print(
        f"{options.model} int8, greedy, {args.threads} CPU threads; short context: "
        f"audio + {pad} s, at least {minimum} s"
    )
    print(
        f"{'audio':<34} {'clips':>5} {'WER 30 s':>9} {'WER short':>10} {'looped':>9} "
        f"{'30 s':>7} {'short':>7} {'speed-up':>8}"
    )
    totals = [0.0, 0.0]
    for name, clips in corpora.items():
        before = short.loops
        full_wer, full_s = run(words(full), clips)
        short_wer, short_s = run(words(short), clips)
        totals[0] += full_s
        totals[1] += short_s
        print(
            f"{name:<34} {len(clips):>5} {full_wer:>9.2%} {short_wer:>10.2%} "
            f"{short.loops - before:>9} {full_s:>6.1f}s {short_s:>6.1f}s "
            f"{full_s / short_s:>7.2f}x"
        )
    print(
        f"all: {totals[0]:.1f} s on 30 s, {totals[1]:.1f} s short: "
        f"{totals[0] / totals[1]:.2f}x faster"
    )
    rng = np.random.default_rng(1)
    quiet = [
        (rng.standard_normal(seconds * speech.SR) * level).astype(np.float32)
        for seconds in (1, 2, 4)
        for level in (0.0, 0.003, 0.02)
    ]
    for label, engine in (("30 s", full), ("short", short)):
        heard = [t for t in (words(engine)(pcm, "") for pcm in quiet) if t.strip()]
        print(f"silence and noise, {label}: {len(heard)} of {len(quiet)} gave words {heard}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
