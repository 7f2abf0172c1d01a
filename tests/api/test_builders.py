"""The builders (graphql_api/builders.py): a signing step's action is looked up in a table, not
made by calling the enum — an unknown action still fails with the enum's own error."""

from __future__ import annotations

import dataclasses

import pytest

from graphql_api import builders as b
from graphql_api import types as t


def test_an_unknown_action_fails_as_the_enum_does(memory_store) -> None:  # type: ignore[no-untyped-def]
    row = next(r for c in memory_store.compare("government_office", None) for r in c.steps)
    odd = dataclasses.replace(row, action="no such action")
    with pytest.raises(ValueError, match="'no such action' is not a valid SigningAction"):
        b.signing_step(odd)
    assert b.signing_step(row).action is t.SigningAction(row.action)
