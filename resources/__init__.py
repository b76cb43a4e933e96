"""Icons, translations, the desktop entry and the sample recording.

``sample/sample-en.wav`` is espeak-ng's en-us voice (speed 165) reading the
sentences of ``sample/sample-en.txt`` with short pauses, as 16 kHz mono
16-bit WAV: the smoke test transcribes it and compares with the text.
"""
