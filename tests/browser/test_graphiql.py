"""GraphiQL served by `govgraph serve`, in a real browser: the gold question is answered on the page."""

from __future__ import annotations

import pytest

from tests.cli.serving import DIRECTOR, office_question, start, stop

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_graphiql_answers_who_signs_office_documents(page) -> None:  # type: ignore[no-untyped-def]
    question = office_question()
    proc, port = start([])
    try:
        page.goto(f"http://127.0.0.1:{port}/graphql")
        editor = page.locator(".graphiql-query-editor .CodeMirror")
        editor.wait_for()
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(question.query)
        page.locator("button[aria-label^=Prettify]").click()
        page.locator(".graphiql-execute-button").click()
        response = page.locator(".graphiql-response")
        response.get_by_text(DIRECTOR).first.wait_for()
        text = response.inner_text()
        assert '"data"' in text and '"errors"' not in text
        assert f'"name": "{DIRECTOR}"' in text and '"action": "SIGN"' in text
        assert f'"number": {question.article}' in text
        screenshot(page, "graphiql.png")
    finally:
        stop(proc)
