"""Tests of :mod:`migbook.models.responsibility_sharing` against published or closed-form results (TODO: name them)."""

from __future__ import annotations

import pytest

from migbook.errors import ParameterError
from migbook.models import responsibility_sharing as model
from migbook.models.responsibility_sharing import DEFAULTS


def test_reproduces_a_published_result() -> None:
    # A scaffolded test must not pass: name the source and its number in the test that replaces this one.
    pytest.fail("replace with a test against a published result: author, year, number")


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match="rate"):
        model.path(DEFAULTS.level, 4, DEFAULTS.years)
