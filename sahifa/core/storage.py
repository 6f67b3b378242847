from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; before `collectstatic` has run (tests, a first
    start) a file falls back to its plain name instead of failing the page."""

    manifest_strict = False

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:  # collectstatic has not run yet
            return name
        return super().stored_name(name)
