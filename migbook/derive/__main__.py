from migbook.cli import main

raise SystemExit(main(["derive"]))
