"""`sahifa views flush`: write buffered views to the database now.
`sahifa views status`: how many views wait in the buffer."""

from sahifa.core.commands import TranslatedCommand
from sahifa.popularity.buffers import get_buffer
from sahifa.popularity.flush import flush


class Command(TranslatedCommand):
    help = "View counting: 'flush' writes buffered views now; 'status' shows what waits."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["flush", "status"])

    def handle(self, *args, action: str, **options):
        buffer = get_buffer()
        if action == "flush":
            written = flush(buffer)
            self.stdout.write(f"Wrote {written} views ({type(buffer).__name__}).")
        else:
            self.stdout.write(f"{buffer.pending_total()} views wait in {type(buffer).__name__}.")
