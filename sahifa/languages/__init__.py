"""Languages: Uzbek Latin/Cyrillic transliteration, Cyrillic kept in step with Latin,
the names glossary, and the links between an item's translations (hreflang, switcher)."""
