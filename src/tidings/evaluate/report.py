"""Showing an EvalResult: a rich table for the terminal, Markdown for docs/evaluation.md."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tidings.evaluate.metrics import EvalResult


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def render(result: EvalResult, console: Console, *, misses: int = 15) -> None:
    """Print the P/R/F1 table, the accuracies, the stats and the worst misses."""
    title = f"{result.dataset}: {result.records} records in {result.seconds:.1f} s"
    table = Table(title=title)
    for column in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, score in result.scores.items():
        table.add_row(name, _pct(score.precision), _pct(score.recall), _pct(score.f1),
                      str(score.tp), str(score.fp), str(score.fn))
    for name, acc in result.accuracies.items():
        table.add_row(f"{name} (accuracy)", "", "", _pct(acc.value), f"{acc.correct}/{acc.total}", "", "")
    console.print(table)
    if result.stats:
        console.print("  ".join(f"{k}: {v}" for k, v in result.stats.items()))
    for note in result.notes:
        console.print(f"[dim]note: {note}[/dim]")
    classes = result.error_classes()[:10]
    if classes:
        console.print("[bold]error classes[/bold]: " + "; ".join(f"{k} ({n})" for k, n in classes))
    worst = result.worst(misses)
    if worst:
        miss_table = Table(title="worst misses", show_lines=True)
        for column in ("record", "field / kind", "expected", "got", "text"):
            miss_table.add_column(column, overflow="fold")
        for miss in worst:
            miss_table.add_row(miss.record, f"{miss.field}: {miss.kind}", miss.expected, miss.got, miss.text[:240])
        console.print(miss_table)


def markdown(result: EvalResult, *, examples: int = 4, classes: int = 6, quote_text: bool = False) -> str:
    """One dataset's section of docs/evaluation.md.

    The gold's sentences stay in the gold folder: a miss names its record, what was expected and
    what we gave; ``quote_text`` adds the sentence, for reports that are not committed
    (``tidings evaluate --misses`` prints it on the terminal).
    """
    lines = [f"### {result.dataset}", "",
             f"{result.records} records, {result.seconds:.0f} s. Gold: `{result.gold}`.", "",
             "| field | P | R | F1 | tp | fp | fn |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, score in result.scores.items():
        lines.append(f"| {name} | {_pct(score.precision)} | {_pct(score.recall)} | {_pct(score.f1)} | "
                     f"{score.tp} | {score.fp} | {score.fn} |")
    for name, acc in result.accuracies.items():
        lines.append(f"| {name} (accuracy) | | | {_pct(acc.value)} | {acc.correct}/{acc.total} | | |")
    lines.append("")
    if result.stats:
        lines.append("Counts: " + "; ".join(f"{k}: {v}" for k, v in result.stats.items()) + ".")
        lines.append("")
    for note in result.notes:
        lines.append(f"- {note}")
    lines.append("")
    top = result.error_classes()[:classes]
    if top:
        lines.append("Main error classes (automatic, by count):")
        lines.append("")
        for key, count in top:
            lines.append(f"- **{key}** ({count})")
            shown = [m for m in result.misses if f"{m.field}: {m.kind}" == key][:examples]
            for miss in shown:
                line = f"  - `{miss.record}` expected *{miss.expected}*, got *{miss.got}*"
                if quote_text and miss.text:
                    line += " — “" + miss.text[:200].replace("|", "/").replace("\n", " ") + "”"
                lines.append(line)
        lines.append("")
    return "\n".join(lines)
