"""What the tests and build tooling use to hold the book to its rules; pages never import it.

* :mod:`~migbook.qa.booktext`: reading the MyST sources as prose, paragraphs and numbers;
* :mod:`~migbook.qa.ledger`: the figures ledger and its checks against sources and data;
* :mod:`~migbook.qa.browser`: Debian's chromium for the browser tests and benchmarks;
* :mod:`~migbook.qa.charts`: what a drawn figure must have to be readable (spec checks);
* :mod:`~migbook.qa.lessons`: a lesson's questions and right answers, found by running its cells.
"""
