"""Tests of :mod:`migbook.models.asylum_key` against published or closed-form results (TODO: name them)."""

from __future__ import annotations

import pytest

from migbook.errors import ParameterError
from migbook.models import asylum_key as model
from migbook.models.asylum_key import DEFAULTS


def test_reproduces_a_published_result() -> None:
    # A scaffolded test must not pass: name the source and its number in the test that replaces this one.
    pytest.fail("replace with a test against a published result: author, year, number")


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match="rate"):
        model.path(DEFAULTS.level, 4, DEFAULTS.years)
