"""The "Data behind this book" pages: each dataset's provenance, and tables shown as they are.

Provenance comes straight from ``data/datapackage.json``, so the page can never
disagree with the package; coverage is computed from the validated table. Each
dataset's figure is an explorer like any other (:mod:`migbook.explorers.datasets`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from migbook import data
from migbook.figures import table_html


@dataclass
class Provenance:
    """A dataset's description, sources, licence, derivation, coverage and fields, as HTML."""

    name: str

    def coverage(self, table: pd.DataFrame) -> list[str]:
        facts = [f"{len(table):,} rows"]
        for column in ("year", "fiscal_year", "joined"):
            if column in table and table[column].notna().any():
                facts.append(f"{column.replace('_', ' ')} {int(table[column].min())} to {int(table[column].max())}")
                break
        codes = [c for c in ("iso3", "origin", "destination") if c in table]
        if codes:
            facts.append(f"{pd.unique(table[codes].to_numpy().ravel()).size:,} country codes")
        return facts

    def to_html(self) -> str:
        meta = data.describe(self.name)
        table = data.load(self.name)
        fields = pd.DataFrame([{
            "Column": f["name"], "Type": f.get("type", "string"), "Unit": f.get("unit", ""),
            "Meaning": f.get("title", ""),
        } for f in meta["schema"]["fields"]])
        sources = "".join(f"<li>{html.escape(s['title'])} ({html.escape(s.get('path', ''))})</li>"
                          for s in meta.get("sources", []))
        licences = ", ".join(html.escape(lic.get("title", lic["name"])) for lic in meta.get("licenses", []))
        return (
            '<div class="migbook-provenance">'
            f"<p>{html.escape(meta['description'])}</p><dl>"
            f"<dt>File</dt><dd><code>data/{html.escape(meta['path'])}</code>, loaded with "
            f"<code>migbook.data.load({self.name!r})</code></dd>"
            f"<dt>Sources</dt><dd><ul>{sources}</ul></dd>"
            f"<dt>Licence</dt><dd>{licences}</dd>"
            f"<dt>How it was derived</dt><dd>{html.escape(meta['derivation'])}</dd>"
            f"<dt>Coverage</dt><dd>{html.escape('; '.join(self.coverage(table)))}</dd></dl>"
            "<details><summary>Columns</summary>"
            f"{table_html(fields, f'Columns of {self.name}')}</details></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def provenance(name: str) -> Provenance:
    """Provenance of dataset ``name``, for display in a page."""
    data.describe(name)  # fails early, naming the datasets, if the name is wrong
    return Provenance(name)


@dataclass
class Table:
    """Some columns of a dataset as a plain accessible HTML table."""

    name: str
    columns: dict[str, str]
    caption: str

    def to_html(self) -> str:
        table = data.load(self.name)[list(self.columns)]
        table = table.astype(object).where(table.notna(), "").rename(columns=self.columns)
        return table_html(table.astype(str), self.caption)

    def _repr_html_(self) -> str:
        return self.to_html()


def ledger_table() -> Table:
    """The figures ledger as an HTML table, chapter by chapter."""
    return Table("figures", {"chapter": "Chapter", "text": "Figure", "measures": "Measures", "year": "Year",
                             "kind": "Kind", "source": "Source", "attributed_to": "Credited to"},
                 "Every figure the chapters print, with its source")


def organisations_table() -> Table:
    """The organisations and processes, with what each does on migration."""
    return Table("organisations", {"name": "Organisation or process", "kind": "Kind", "founded": "Founded",
                                   "migration_role": "Role in migration"},
                 "International and regional organisations and consultative processes")


def mobility_regimes_table() -> Table:
    """The free-movement regimes of the regional blocs, with their sources."""
    return Table("mobility_regimes", {"organisation": "Bloc", "status": "Status", "agreed": "Agreed",
                                      "from_year": "In force from", "instrument": "Instrument",
                                      "source": "Source"},
                 "Free movement of workers in regional blocs: status, years and sources")
