"""Icons, translations, the desktop entry and the sample recording."""
