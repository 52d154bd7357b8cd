"""The environment variable that picks an explorer's twin: ``static`` in the built book, ``live`` elsewhere.

Its own module, free of imports, so the Sphinx extension can set it without importing Altair and pandas
(:mod:`migbook.figures` does): that import cost every build, a one-page rebuild too, 1.7 s (under load 7).
"""

MODE_VARIABLE = "MIGBOOK_MODE"
