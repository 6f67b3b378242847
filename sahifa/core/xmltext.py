"""Text that XML can carry: feeds and sitemaps put headlines, leads and bodies in XML,
which has no way to write most control characters (a stray one in an imported headline
would make the whole document unreadable)."""

import re

# Everything below U+0020 except tab, newline and carriage return; and U+FFFE, U+FFFF.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_IN_XML.sub("", text)
