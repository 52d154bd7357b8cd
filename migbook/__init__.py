"""migbook: datasets, toy models and interactive figures for the migbook course.

* :mod:`migbook.data` loads the validated datasets in ``data/``;
* :mod:`migbook.models` holds the models, as plain vectorised functions;
* :mod:`migbook.explorers` gives each interactive figure in one call: a static
  twin (Altair controls over precomputed runs) in the built book, a live twin
  (ipywidgets recomputing the model) in Jupyter and Voila.
"""

import os as _os

__version__ = "0.1.0"

# A page's kernel during the book's build (the Sphinx extension sets MIGBOOK_MODE=static for it) leaves out
# modules it never uses, as a live lesson's kernel does: see migbook.kernel_imports. Anywhere else nothing changes.
if _os.environ.get("MIGBOOK_MODE") == "static":
    from migbook.kernel_imports import skip_unused as _skip_unused

    _skip_unused()
