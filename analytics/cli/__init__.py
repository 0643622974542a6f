"""The `analytics` command: a thin layer over the library (`analytics.ingest`, `analytics.open_store`).

Each command parses its arguments, makes one or two library calls and renders the result with rich;
library errors become `Error: …` and exit code 1, without a traceback (`group`). One module per
command or group of commands: `ingest`, `query` (sql, check), `correct`, `publish` (report,
export), `accuracy`; `console` is how they print.
"""

from analytics.cli.accuracy import accuracy_command
from analytics.cli.correct import correct_command
from analytics.cli.group import main
from analytics.cli.ingest import ingest_command
from analytics.cli.publish import export_command, report_command
from analytics.cli.query import check_command, sql_command

for command in (ingest_command, sql_command, check_command, correct_command, report_command, export_command,
                accuracy_command):  # fmt: skip
    main.add_command(command)

__all__ = ["main"]
