"""A narrower meeting's minutes signers, taken from a broader meeting's rule, reach the store
as a document type of their own, cited to the rule's article."""

from __future__ import annotations

from ingest.pipeline import ingest_bytes
from stores.memory import MemoryStore
from tests.ingest.test_extract_minutes import KINDS


def test_the_graph_answers_who_signs_a_narrower_meetings_minutes_with_the_rules_article() -> None:
    text = KINDS + "第二条 县政府专题会议纪要由主持会议的县长或副县长签发。\n第三条 本规则自印发之日起施行。\n"
    store = MemoryStore()
    store.load(ingest_bytes(text.encode("utf-8"), "yonghe.txt").graph)
    jurisdiction = store.jurisdictions()[0].place.key
    (meeting,) = store.meetings(jurisdiction, "deputy_head_thematic", None)
    assert [(s.role.name, s.action, s.article.number) for s in meeting.minutes_signers] == [
        ("常务副县长", "SIGN", 2), ("副县长", "SIGN", 2)]
    (steps_doc,) = {s.document_type.name for s in meeting.minutes_signers}
    assert steps_doc == "副县长专题会议纪要"
