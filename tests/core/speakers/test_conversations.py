"""The conversation builder copes with voice packages that are not installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import conversations
from tests.helpers.conversations import VOICES, Voice

MISSING = Voice("nobody", "xx_XX_f_Nobody", "gsm", "asterisk-prompt-xx-nobody")


def test_a_missing_voice_is_left_out() -> None:
    voices = (MISSING, *VOICES[:2])
    assert conversations.present(voices) == VOICES[:2]
    talk = conversations.conversation(2, 8.0, seed=1, voices=voices)
    assert talk.speakers == 2
    assert {t.speaker for t in talk.turns} == {0, 1}
    assert talk.duration >= 8.0


def test_too_few_voices_skip_and_name_the_missing_package() -> None:
    with pytest.raises(pytest.skip.Exception, match="asterisk-prompt-xx-nobody"):
        conversations.conversation(3, 8.0, seed=1, voices=(MISSING, *VOICES[:2]))


def test_a_voice_is_the_files_its_package_installed() -> None:
    """``fr`` may hold June's .gsm prompts (core sounds, which conflict with Armelle's package)."""
    if not conversations.DPKG_INFO.is_dir():
        pytest.skip("no dpkg file lists here: a voice is whatever its folder holds")
    other = Voice("armelle", "fr", "gsm", "asterisk-prompt-fr-nobody")
    assert conversations.prompts(other) == []
    listed = (conversations.DPKG_INFO / "asterisk-core-sounds-en-g722.list").read_text()
    assert all(str(p) in listed for p in conversations.prompts(VOICES[0]))


def test_other_files_in_a_voice_folder_are_not_that_voice(tmp_path: Path) -> None:
    """Files of another kind in a voice's folder are not its prompts."""
    june = conversations.prompts(VOICES[1])[0]
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / june.name).symlink_to(june)
    armelle = next(v for v in VOICES if v.name == "armelle")
    assert conversations.prompts(armelle, tmp_path) == []
    with pytest.raises(pytest.skip.Exception, match="2 voices needed, 0 installed"):
        conversations.choose(2, VOICES, tmp_path)
