"""The picture sizes the public pages use: one list, so the pages can fetch them all in
one query (see `selectors.attach_renditions`) and templates name them the same way."""

# A card in a list or grid: 16:9 around the focal point.
CARD = "fill-480x270-c100"
# The article's main picture and the home page's top story.
HERO = "fill-960x540-c100"
# Social cards (og:image): the 1.91:1 size Telegram, Facebook and X expect.
SOCIAL = "fill-1200x630-c100"
# Pictures inside an article body (rich-text image formats).
BODY_FULL = "width-960"
BODY_SIDE = "width-480"

PAGE_RENDITIONS = (CARD, HERO, SOCIAL, BODY_FULL, BODY_SIDE)
