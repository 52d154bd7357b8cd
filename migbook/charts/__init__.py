"""Altair chart builders: thin layers that draw what migbook's models and data compute.

Each figure has two builders over one shared encoding: ``static_*`` adds
parameters bound to HTML controls and filters precomputed runs (for the built
book, no kernel needed); ``live_*`` draws one run (for the ipywidgets twin).
"""
