"""migbook: datasets, toy models and interactive figures for the migbook course.

* :mod:`migbook.data` loads the validated datasets in ``data/``;
* :mod:`migbook.models` holds the models, as plain vectorised functions;
* :mod:`migbook.explorers` gives each interactive figure in one call: a static
  twin (Altair controls over precomputed runs) in the built book, a live twin
  (ipywidgets recomputing the model) in Jupyter and Voila.
"""

__version__ = "0.1.0"
