"""Real speech with known text, from Debian's Asterisk prompt packages.

``asterisk-core-sounds-en-g722`` (Allison Smith, American English),
``asterisk-core-sounds-es-g722`` (Allison Smith, Mexican Spanish) and
``asterisk-core-sounds-fr-g722`` (June Wallack, Canadian French) hold studio
recordings of a telephone system's prompts, as 16 kHz G.722. The reference
texts below are copied from the transcript lists the same releases ship
(``core-sounds-en.txt``, ``core-sounds-es.txt``, ``core-sounds-fr.txt`` in the
docs of ``asterisk-core-sounds-en``/``-es``/``-fr``), typos included: we only
compare our word error rate with plain faster-whisper's on the same audio
and text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jiwer
import pytest

SOUNDS = Path("/usr/share/asterisk/sounds")


@dataclass(frozen=True)
class Recording:
    language: str
    voice: str
    name: str
    text: str

    @property
    def path(self) -> Path:
        return SOUNDS / self.voice / f"{self.name}.g722"


ES = "es_MX_f_Allison"
FR = "fr_CA_f_June"

SPANISH = Recording(
    "es",
    ES,
    "demo-nogo",
    "Lo siento, pero no fue posible crear la conexion al servidor de demostracion en "
    "Digium. Puede encontrar informacion util para solucionar el problema en la consola "
    "de Asterisk.",
)

FRENCH = Recording(
    "fr",
    FR,
    "tt-allbusy",
    "Tous nos préposés sont présentement occupés. Votre appel est important pour nous, "
    "merci de bien vouloir patienter afin de conserver votre priorité d'appel",
)

FRENCH_SHORT = Recording("fr", FR, "agent-loginok", "Vous êtes maintenant en ligne.")


EN = "en_US_f_Allison"

ENGLISH = tuple(
    Recording("en", EN, name, text)
    for name, text in (
        (
            "agent-alreadyon",
            "That agent is already logged on. Please enter your agent number followed by the "
            "pound key.",
        ),
        (
            "auth-incorrect",
            "Password incorrect. Please enter your password followed by the pound key.",
        ),
        ("conf-invalid", "That is not a valid conference number. Please try again."),
        ("conf-onlyperson", "You are currently the only person in this conference."),
        (
            "confbridge-begin-glorious-c",
            "the conference will begin when our glorious leader arrives",
        ),
        ("confbridge-inc-list-vol-in", "To increase the audio volume from other participants..."),
        ("confbridge-lock-in", "To lock, or unlock the conference..."),
        (
            "confbridge-pin-bad",
            "You have entered too many invalid personal identification numbers.",
        ),
        (
            "confbridge-rest-list-vol-out",
            "...to reset the audio volume of the conference to the default level.",
        ),
        (
            "demo-nogo",
            "I am afraid I was unable to create a connection to the Digium demonstration "
            "Asterisk server. You may find some helpful debugging information on the Asterisk"
            " console.",
        ),
        (
            "dictate/record_help",
            "press 1 to switch to playback mode, press 8 to truncate the file and start over",
        ),
        ("dir-nomore", "There are no more compatible entries in the directory."),
        (
            "followme/pls-hold-while-try",
            "please hold while I try to locate the person you are calling",
        ),
        ("please-try-call-later", "Please try your call again later."),
        ("privacy-incorrect", "I'm sorry, that number is not valid."),
        ("queue-quantity1", "Currently, there are more than ..."),
        (
            "tt-allbusy",
            "All representatives of the household are currently assisting other "
            "telemarketers. Please hold and your call will be answered in the order it was "
            "received.",
        ),
        ("vm-dialout", "please wait while i connect your call"),
        (
            "vm-instructions",
            "To look into your messages press 1 now. You may quit voicemail at any time by "
            "pressing the pound key.",
        ),
        ("vm-msgforwarded", "Your message has been successfully forwarded."),
        ("vm-nonumber", "I'm afraid i don't know who sent this message"),
        ("vm-rec-busy", "After the tone say your busy message and then press the pound key."),
        ("vm-repeat", "Press 5 to repeat the current message."),
        ("vm-saveoper", "press 1 to accept this recording, otherwise, please continue to hold"),
        ("vm-tempremoved", "Your temporary greeting has been removed"),
        ("vm-toforward", "Press 8 to forward the message to another user"),
        ("vm-whichbox", "To leave a message, please enter a mailbox number."),
    )
)
"""Every sixth prompt of six to thirty words from core-sounds-en.txt: 27 in all."""

TRANSLATIONS = {
    # Our own English renderings of the prompts, for a loose check of --task translate.
    SPANISH: "I am sorry, but it was not possible to create the connection to the "
    "demonstration server at Digium. You can find useful information to solve the problem "
    "in the Asterisk console.",
    FRENCH: "All our agents are busy at the moment. Your call is important to us, "
    "thank you for waiting to keep your call priority.",
}

ENGLISH_STOP_WORDS = frozenset(
    "the a an of to in on at for is are was were be been it you your we our i "
    "and or but not with from by this that can will".split()
)


def require(recording: Recording) -> Path:
    """The recording's path; fails (never skips) the test when the package is missing."""
    if not recording.path.is_file():
        pytest.fail(
            f"{recording.path} is missing: install the Debian packages for the tests "
            "(scripts/debian-deps test --install; see the README)"
        )
    return recording.path


def normalise(text: str) -> str:
    """Lower case, no accents (the reference lists often omit them), no punctuation."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("-", " ").replace("'", " ").replace("\u2019", " ")
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def wer(reference: str, hypothesis: str) -> float:
    return float(jiwer.wer(normalise(reference), normalise(hypothesis)))


def english_share(text: str) -> float:
    """The share of words that are common English function words (about 0.3 in prose)."""
    words = normalise(text).split()
    return sum(w in ENGLISH_STOP_WORDS for w in words) / max(len(words), 1)
