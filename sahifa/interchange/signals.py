"""Signals other apps can follow."""

from django.dispatch import Signal

# Sent (sender=Article, article_ids=[...]) once a run of imported articles has been
# committed. Articles created in bulk send no post_save: apps that keep something per
# article (similar news, caches) update it from here.
articles_bulk_imported = Signal()
