"""Text analysis shared by similar news and search: per-language tokens, stop words and
stems, and the Uzbek fold that makes Latin and Cyrillic spellings meet."""
