"""The site's own words on social cards, in page titles and the web app manifest."""

from django.utils.translation import gettext_lazy as _

TAGLINE = _("News from Uzbekistan and the world")
HOME_DESCRIPTION = _(
    "The news of Uzbekistan and the world in Uzbek, Russian and English: politics, "
    "economy, sport, technology, society and culture."
)
LATEST_DESCRIPTION = _("The latest news on %(site)s, newest first.")
CATEGORY_DESCRIPTION = _("%(category)s: the latest news in this section of %(site)s.")
