"""The floor for this stack: a minimal Typer app that imports PyYAML and prints a 20-row rich table."""

import typer
import yaml  # noqa: F401  (imported on purpose: part of the floor)
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main() -> None:
    table = Table("row", "value")
    for i in range(20):
        table.add_row(str(i), "x" * 10)
    Console().print(table)


if __name__ == "__main__":
    app()
