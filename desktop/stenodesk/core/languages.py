"""The languages Whisper knows: code, English name and the name in the language itself.

The codes are exactly Whisper's (faster-whisper's ``_LANGUAGE_CODES``; a test
keeps the two in step), including its oddities: ``jw`` for Javanese, ``haw``
for Hawaiian and ``yue`` for Cantonese. Front ends show :attr:`Language.label`
in pickers and :func:`describe` next to a finished job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

AUTO = "auto"
"""What the user chooses to let the model detect the language."""


@dataclass(frozen=True)
class Language:
    code: str
    english: str
    native: str

    @property
    def label(self) -> str:
        """``Español (Spanish)``; just ``English`` when the two names agree."""
        if self.native.casefold() == self.english.casefold():
            return self.english
        return f"{self.native} ({self.english})"


_TABLE = (
    ("af", "Afrikaans", "Afrikaans"),
    ("am", "Amharic", "አማርኛ"),
    ("ar", "Arabic", "العربية"),
    ("as", "Assamese", "অসমীয়া"),
    ("az", "Azerbaijani", "Azərbaycanca"),
    ("ba", "Bashkir", "Башҡортса"),
    ("be", "Belarusian", "Беларуская"),
    ("bg", "Bulgarian", "Български"),
    ("bn", "Bengali", "বাংলা"),
    ("bo", "Tibetan", "བོད་སྐད"),
    ("br", "Breton", "Brezhoneg"),
    ("bs", "Bosnian", "Bosanski"),
    ("ca", "Catalan", "Català"),
    ("cs", "Czech", "Čeština"),
    ("cy", "Welsh", "Cymraeg"),
    ("da", "Danish", "Dansk"),
    ("de", "German", "Deutsch"),
    ("el", "Greek", "Ελληνικά"),
    ("en", "English", "English"),
    ("es", "Spanish", "Español"),
    ("et", "Estonian", "Eesti"),
    ("eu", "Basque", "Euskara"),
    ("fa", "Persian", "فارسی"),
    ("fi", "Finnish", "Suomi"),
    ("fo", "Faroese", "Føroyskt"),
    ("fr", "French", "Français"),
    ("gl", "Galician", "Galego"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("ha", "Hausa", "Hausa"),
    ("haw", "Hawaiian", "ʻŌlelo Hawaiʻi"),
    ("he", "Hebrew", "עברית"),
    ("hi", "Hindi", "हिन्दी"),
    ("hr", "Croatian", "Hrvatski"),
    ("ht", "Haitian Creole", "Kreyòl ayisyen"),
    ("hu", "Hungarian", "Magyar"),
    ("hy", "Armenian", "Հայերեն"),
    ("id", "Indonesian", "Bahasa Indonesia"),
    ("is", "Icelandic", "Íslenska"),
    ("it", "Italian", "Italiano"),
    ("ja", "Japanese", "日本語"),
    ("jw", "Javanese", "Basa Jawa"),
    ("ka", "Georgian", "ქართული"),
    ("kk", "Kazakh", "Қазақ тілі"),
    ("km", "Khmer", "ភាសាខ្មែរ"),
    ("kn", "Kannada", "ಕನ್ನಡ"),
    ("ko", "Korean", "한국어"),
    ("la", "Latin", "Latina"),
    ("lb", "Luxembourgish", "Lëtzebuergesch"),
    ("ln", "Lingala", "Lingála"),
    ("lo", "Lao", "ພາສາລາວ"),
    ("lt", "Lithuanian", "Lietuvių"),
    ("lv", "Latvian", "Latviešu"),
    ("mg", "Malagasy", "Malagasy"),
    ("mi", "Maori", "Te Reo Māori"),
    ("mk", "Macedonian", "Македонски"),
    ("ml", "Malayalam", "മലയാളം"),
    ("mn", "Mongolian", "Монгол"),
    ("mr", "Marathi", "मराठी"),
    ("ms", "Malay", "Bahasa Melayu"),
    ("mt", "Maltese", "Malti"),
    ("my", "Burmese", "မြန်မာဘာသာ"),
    ("ne", "Nepali", "नेपाली"),
    ("nl", "Dutch", "Nederlands"),
    ("nn", "Norwegian Nynorsk", "Nynorsk"),
    ("no", "Norwegian", "Norsk"),
    ("oc", "Occitan", "Occitan"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("pl", "Polish", "Polski"),
    ("ps", "Pashto", "پښتو"),
    ("pt", "Portuguese", "Português"),
    ("ro", "Romanian", "Română"),
    ("ru", "Russian", "Русский"),
    ("sa", "Sanskrit", "संस्कृतम्"),
    ("sd", "Sindhi", "سنڌي"),
    ("si", "Sinhala", "සිංහල"),
    ("sk", "Slovak", "Slovenčina"),
    ("sl", "Slovenian", "Slovenščina"),
    ("sn", "Shona", "chiShona"),
    ("so", "Somali", "Soomaali"),
    ("sq", "Albanian", "Shqip"),
    ("sr", "Serbian", "Српски"),
    ("su", "Sundanese", "Basa Sunda"),
    ("sv", "Swedish", "Svenska"),
    ("sw", "Swahili", "Kiswahili"),
    ("ta", "Tamil", "தமிழ்"),
    ("te", "Telugu", "తెలుగు"),
    ("tg", "Tajik", "Тоҷикӣ"),
    ("th", "Thai", "ไทย"),
    ("tk", "Turkmen", "Türkmençe"),
    ("tl", "Tagalog", "Tagalog"),
    ("tr", "Turkish", "Türkçe"),
    ("tt", "Tatar", "Татарча"),
    ("uk", "Ukrainian", "Українська"),
    ("ur", "Urdu", "اردو"),
    ("uz", "Uzbek", "Oʻzbekcha"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("yi", "Yiddish", "ייִדיש"),
    ("yo", "Yoruba", "Yorùbá"),
    ("zh", "Chinese", "中文"),
    ("yue", "Cantonese", "粵語"),
)

LANGUAGES: Mapping[str, Language] = MappingProxyType(
    {code: Language(code, english, native) for code, english, native in _TABLE}
)
"""Every language Whisper knows, by code, in Whisper's order."""


def language(code: str) -> Language | None:
    """The language with this Whisper code, or None."""
    return LANGUAGES.get(code)


def by_english_name() -> list[Language]:
    """All languages sorted by English name, for pickers."""
    return sorted(LANGUAGES.values(), key=lambda lang: lang.english)


def parse_language(text: str) -> str | None:
    """A language the user typed, as a Whisper code; None means detect.

    Accepts ``auto`` or an empty string (detect), a code (``es``), an English
    name (``Spanish``) or a native name (``español``), in any case.

    Raises:
        ValueError: nothing matches; the message says what would.
    """
    wanted = text.strip().casefold()
    if wanted in ("", AUTO):
        return None
    for lang in LANGUAGES.values():
        if wanted in (lang.code, lang.english.casefold(), lang.native.casefold()):
            return lang.code
    raise ValueError(
        f"unknown language {text!r}: use auto or a code such as en, es, fr, zh "
        "(see the README's Languages section)"
    )


def describe(code: str, probability: float, *, detected: bool) -> str:
    """How a job's language is shown: ``Spanish (es), detected 97%`` or ``..., as set``."""
    lang = LANGUAGES.get(code)
    name = f"{lang.english} ({code})" if lang else code
    if not detected:
        return f"{name}, as set"
    return f"{name}, detected {probability * 100:.0f}%"
