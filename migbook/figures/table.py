"""Plain, accessible HTML tables: the numbers behind a figure, and tables shown on their own."""

from __future__ import annotations

import html
import numbers

import pandas as pd

from migbook.figures.theme import compact


def cell(value: object) -> str:
    """A table cell's text: numbers as :func:`~migbook.figures.theme.compact` prints them, blanks for missing."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return compact(float(value))
    return str(value)


def table_html(table: pd.DataFrame, caption: str) -> str:
    """A caption, column headers with scope, and the first column as row headers.

    >>> html = table_html(pd.DataFrame({"Year": [2020], "Migrants": [281]}), "Migrants")
    >>> '<caption>Migrants</caption>' in html, '<th scope="row">2020</th>' in html
    (True, True)
    """
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    body = []
    for row in table.itertuples(index=False):
        first, *rest = (html.escape(cell(v)) for v in row)
        body.append(f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{v}</td>" for v in rest) + "</tr>")
    return (f'<table class="migbook-table"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
