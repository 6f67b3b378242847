"""`sahifa views flush`: write buffered views to the database now.
`sahifa views status`: how many views wait in the buffer."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.commands import TranslatedCommand
from sahifa.popularity.buffers import get_buffer
from sahifa.popularity.flush import flush


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "View counting: 'flush' writes buffered views now; 'status' shows what waits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["flush", "status"],
            help=_("flush: write them; status: count them"),
        )

    def handle(self, *args, action: str, **options):
        buffer = get_buffer()
        if action == "flush":
            written = flush(buffer)
            self.stdout.write(
                _("Wrote %(views)d views (%(buffer)s).")
                % {"views": written, "buffer": type(buffer).__name__}
            )
        else:
            self.stdout.write(
                _("%(views)d views wait in %(buffer)s.")
                % {"views": buffer.pending_total(), "buffer": type(buffer).__name__}
            )
