"""Print what `mutmut run` found: the share of mutants killed in each area, and every survivor.

Reads mutmut's results in ``mutants/`` (run from the repository root after ``mutmut run``). A survivor
listed in ``tests/MUTATION-EQUIVALENTS.md`` (as ``- `NAME`: why``) is an equivalent mutant: a change no
test can detect because the behaviour is the same. Exits 1 when an area misses its target or a survivor
is unexplained, so `make mutation` fails until every survivor is killed or explained.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
AREAS = {"migbook/models/": ("migbook.models.", 0.90), "the data loader": ("migbook.data.loader.", 0.85)}
EQUIVALENTS = ROOT / "tests" / "MUTATION-EQUIVALENTS.md"


def results(mutants: Path) -> dict[str, str]:
    """Mutant name -> mutmut's status (killed, survived, timeout, ...)."""
    out = {}
    for meta in sorted(mutants.rglob("*.meta")):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            out[name] = status_by_exit_code[code]
    return out


def equivalents() -> set[str]:
    if not EQUIVALENTS.exists():
        return set()
    return set(re.findall(r"^- `([\w.]+__mutmut_\d+)`", EQUIVALENTS.read_text(), re.M))


def main() -> int:
    found = results(ROOT / "mutants")
    if not found:
        print("no mutmut results in mutants/: run `make mutation`", file=sys.stderr)
        return 1
    explained = equivalents()
    failed = False
    for area, (prefix, target) in AREAS.items():
        mine = {name: status for name, status in found.items() if name.startswith(prefix)}
        counts = Counter(mine.values())
        detected = counts["killed"] + counts["timeout"]
        checked = len(mine) - counts["not checked"] - counts["skipped"]
        share = detected / checked if checked else 0.0
        survivors = sorted(name for name, status in mine.items() if status not in {"killed", "timeout"})
        unexplained = [name for name in survivors if name not in explained]
        print(f"{area}: {detected} of {checked} mutants killed ({100 * share:.1f} %, target {100 * target:.0f} %); "
              f"{len(survivors)} survived, {len(survivors) - len(unexplained)} of them explained as equivalent "
              f"in {EQUIVALENTS.relative_to(ROOT)}"
              + (f"; {counts['timeout']} by timeout" if counts["timeout"] else ""))
        for name in survivors:
            print(f"    {mine[name]:<10} {name}{'' if name in unexplained else '  (equivalent)'}")
        failed |= share < target or bool(unexplained)
    stale = explained - set(found)
    if stale:
        print(f"listed as equivalent but no longer a mutant (remove from the list): {sorted(stale)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
