"""Signals other apps can follow."""

from django.dispatch import Signal

# Sent (sender=Article, article_ids=[...]) once a run of imported articles (new or
# updated) has committed. The import sends no post_save for them: apps that keep
# something per article (similar news, Cyrillic versions, caches) update it from here.
articles_imported = Signal()
