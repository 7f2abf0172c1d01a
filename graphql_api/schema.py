"""The GraphQL schema (strawberry). Resolvers resolve names, ask the store one named
question, and wrap its rows; they hold no logic of their own beyond that.

Every question about one jurisdiction answers from its current rules document unless
``document`` names another version (by key, document number, title or file name).
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from schema import rows
from schema.naming import open_key
from schema.script import to_simplified
from schema.vocabulary import DEFAULT_LEVEL, LEVELS
from stores.base import AmbiguousArticle, Store, StoreUnavailable

from . import builders as b
from . import documents as d
from . import government as gov
from . import types as t
from .ask import Intent, answer
from .errors import BadArgument, MaskInternalErrors, is_unicode_text, is_user_error
from .execution import run_fields_off_loop
from .mutations import Mutation
from .names import UnknownName, find_open, open_keys, resolve_document, resolve_term
from .pagination import ArticleConnection, ObligationConnection, article_connection, obligation_connection, page_window
from .places import names_places, request_places
from .plain_fields import executor_class
from .prepared import DocumentLimits, prepared_extensions
from .review import ReviewQuery

MAX_DEPTH = 10
MAX_TOKENS = 2000
MAX_ALIASES = 15
DOCUMENT_LIMITS = DocumentLimits.of(MAX_DEPTH, MAX_TOKENS, MAX_ALIASES)
MAX_TEXT = 500  # characters of a search text or a question

AskIntent = strawberry.enum(Intent, name="AskIntent", description="What `ask` understood the question to ask.")
PARTY_KINDS = ("role", "body", "meeting")


@strawberry.type(description="One jurisdiction's signing rule for an issuer, side by side with the others.")
class Comparison:
    jurisdiction: d.Jurisdiction
    document: t.DocumentRef | None
    steps: list[t.SigningStep]
    signers: list[t.Entity] = strawberry.field(description="Who signs by default (SIGN steps without a condition)")


@strawberry.type(description="A cited answer to a plain question.")
class Answer:
    text: str
    intent: AskIntent  # type: ignore[valid-type]
    language: str = strawberry.field(description="en or zh: the question's language, and the answer's")
    understood: bool = strawberry.field(description="false: the text says what is missing or unsupported")
    jurisdiction: d.Jurisdiction | None = strawberry.field(description="The place answered about (the first, if several)")
    jurisdictions: list[d.Jurisdiction]
    citations: list[t.Article]
    suggestions: list[str] = strawberry.field(description="Supported question forms, when not understood")


def _store(info: Info) -> Store:
    store: Store = info.context["store"]
    return store


def _jurisdictions(info: Info) -> list[rows.JurisdictionRow]:
    """The store's jurisdictions, as the request's snapshot of them (graphql_api/places.py)."""
    return request_places(info.context).rows()


def _resolve_place(info: Info, name: str) -> rows.JurisdictionRow:
    """Through the request's DataLoader: resolved before the field ran when the field declares the
    argument (``names_places``), a fresh read of the places before an unknown name is refused."""
    return request_places(info.context).get(name)


def _scope(info: Info, jurisdiction: str, document: str | None) -> tuple[rows.JurisdictionRow, str | None]:
    jur = _resolve_place(info, jurisdiction)
    doc = resolve_document(document, jur.documents).key if document is not None else None
    return jur, doc


def _key(what: str, name: str | None, kinds: tuple[Any, ...]) -> str | None:
    if name is not None and not is_unicode_text(name):  # before any lookup, the open ones included
        raise BadArgument(f"{what} contains a lone surrogate (not Unicode text)")
    return resolve_term(what, name, kinds).key if name is not None else None


def _party_keys(jur: rows.JurisdictionRow, what: str, name: str | None) -> tuple[list[str | None], UnknownName | None]:
    """A role's or body's key; for a name outside the vocabulary (县长助理), the keys it may have
    in the place's rules (level-free, x:{L}长助理: the place's own level first) and the error to
    raise when no rule names it."""
    try:
        return [_key(what, name, PARTY_KINDS)], None
    except UnknownName as error:
        level = jur.place.level if jur.place.level in LEVELS else DEFAULT_LEVEL
        own = open_key(to_simplified(str(name).strip()), level)
        return [own, *sorted(open_keys(str(name)) - {own})], error


def _text(what: str, value: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_TEXT:
        raise BadArgument(f"{what} must be 1 to {MAX_TEXT} characters")
    if not is_unicode_text(value):
        raise BadArgument(f"{what} contains a lone surrogate (not Unicode text)")
    return value



def _comparison(row: rows.ComparisonRow) -> Comparison:
    steps = [b.signing_step(s) for s in row.steps]
    signers = list({s.role.key: s.role for s in steps if s.action is t.SigningAction.SIGN and s.condition is None}.values())
    return Comparison(jurisdiction=d.place(row.place), document=b.document_ref(row.document), steps=steps,
                      signers=signers)



@strawberry.type
class Query(ReviewQuery):
    @strawberry.field(description="Every jurisdiction with its rules documents.")
    def jurisdictions(self, info: Info) -> list[d.Jurisdiction]:
        # the list itself is the answer: read it now, not from the names shared between requests
        return [d.jurisdiction(row) for row in _store(info).jurisdictions()]

    @strawberry.field(description="One jurisdiction by name: 朝阳区, 朝阳, 北京市朝阳区, Chaoyang or chaoyangqu.",
                      metadata=names_places("name"))
    def jurisdiction(self, info: Info, name: str) -> d.Jurisdiction | None:
        return d.jurisdiction(_resolve_place(info, name))

    @strawberry.field(description="Rules documents, every version, newest first; optionally of one jurisdiction.",
                      metadata=names_places("jurisdiction"))
    def documents(self, info: Info, jurisdiction: str | None = None) -> list[d.RuleDocument]:
        key = _resolve_place(info, jurisdiction).place.key if jurisdiction is not None else None
        return [d.rule_document(row) for row in _store(info).documents(key)]

    @strawberry.field(
        description="Who signs documents issued under a name (issuer), optionally of a genre and to a recipient. "
        "Names accept Chinese, English, pinyin and aliases: issuer 'office' = 区政府办公室.",
        metadata=names_places("jurisdiction"),
    )
    def signatories(
        self, info: Info, jurisdiction: str, issuer: str, genre: str | None = None, recipient: str | None = None,
        document: str | None = None,
    ) -> list[t.SigningStep]:
        jur, doc = _scope(info, jurisdiction, document)
        issuer_key = resolve_term("issuer", issuer, ("body", "meeting")).key
        steps = _store(info).signatories(jur.place.key, issuer_key, _key("genre", genre, ("genre",)),
                                         _key("recipient", recipient, ("body",)), doc)
        return [b.signing_step(row) for row in steps]

    @strawberry.field(description="Meetings the rules establish, or one by name (常务会议, executive meeting).",
                      metadata=names_places("jurisdiction"))
    def meetings(self, info: Info, jurisdiction: str, name: str | None = None,
                 document: str | None = None) -> list[t.Meeting]:
        jur, doc = _scope(info, jurisdiction, document)
        try:
            key = _key("meeting", name, ("meeting",))
        except UnknownName:  # a meeting outside the vocabulary (工作协调会) is found by its own names
            return [b.meeting(row) for row in find_open("meeting", str(name), _store(info).meetings(jur.place.key, None, doc))]
        return [b.meeting(row) for row in _store(info).meetings(jur.place.key, key, doc)]

    @strawberry.field(description="Must-report-to lines, optionally from and/or to a role or body.",
                      metadata=names_places("jurisdiction"))
    def reporting_lines(
        self, info: Info, jurisdiction: str, from_: Annotated[str | None, strawberry.argument(name="from")] = None,
        to: str | None = None, document: str | None = None,
    ) -> list[t.ReportingLine]:
        jur, doc = _scope(info, jurisdiction, document)
        sources, unknown_source = _party_keys(jur, "from", from_)
        targets, unknown_target = _party_keys(jur, "to", to)
        lines: list[rows.ReportingLineRow] = []
        for source in sources:
            for target in targets:
                lines = lines or _store(info).reporting_lines(jur.place.key, source, target, doc)
        if not lines and (unknown_source or unknown_target):
            raise unknown_source or unknown_target  # type: ignore[misc]  # a name nothing in the rules has
        return [b.reporting_line(row) for row in lines]

    @strawberry.field(description="Obligations (must / must not / may) in document order, paginated.",
                      metadata=names_places("jurisdiction"))
    def obligations(
        self, info: Info, jurisdiction: str, bearer: str | None = None, modality: t.Modality | None = None,
        with_deadline: bool | None = None, first: int | None = None, after: str | None = None,
        document: str | None = None,
    ) -> ObligationConnection:
        jur, doc = _scope(info, jurisdiction, document)
        skip, limit = page_window("obligations", first, after)
        bearers, unknown_bearer = _party_keys(jur, "bearer", bearer)
        for bearer_key in bearers:
            page = _store(info).obligations(
                jur.place.key, bearer_key, modality.value if modality else None, with_deadline, doc, skip, limit,
            )
            if page.total:
                break
        if not page.total and unknown_bearer:
            raise unknown_bearer
        return obligation_connection(skip, page)

    @strawberry.field(description="Articles containing the text as written, most occurrences first: of the current "
                      "documents, or of one `document` (key, number, title or file).",
                      metadata=names_places("jurisdiction"))
    def search(self, info: Info, text: str, jurisdiction: str | None = None, first: int | None = None,
               after: str | None = None, document: str | None = None) -> ArticleConnection:
        key = _resolve_place(info, jurisdiction).place.key if jurisdiction is not None else None
        doc = None
        if document is not None:  # by key, number, title or file; within the place when one is given
            places = [p for p in _jurisdictions(info) if key is None or p.place.key == key]
            doc = resolve_document(document, [v for p in places for v in p.documents]).key
        skip, limit = page_window("search", first, after)
        return article_connection(skip, _store(info).search(_text("text", text), key, skip, limit, doc))

    @strawberry.field(description="One row per jurisdiction: who signs documents of an issuer (and genre), side by side.")
    def compare(self, info: Info, issuer: str, genre: str | None = None) -> list[Comparison]:
        issuer_key = resolve_term("issuer", issuer, ("body", "meeting")).key
        return [_comparison(row) for row in _store(info).compare(issuer_key, _key("genre", genre, ("genre",)))]

    @strawberry.field(description="One provision by document (key, number, title or file) and article: its "
                      "ordinal (position in the document, unique) or its number as printed. A printed number "
                      "that names several articles (numbering that restarts in each chapter) is refused with "
                      "their ordinals; with both, the article at the ordinal if it carries the number.")
    def article(self, info: Info, document: str, number: int | None = None,
                ordinal: int | None = None) -> t.Provision | None:
        docs = [v for j in _jurisdictions(info) for v in j.documents]
        if number is None and ordinal is None:
            raise BadArgument("article: give the article's number or its ordinal")
        try:
            row = _store(info).article(resolve_document(document, docs).key, number, ordinal)
        except AmbiguousArticle as exc:
            raise BadArgument(str(exc)) from exc
        return b.provision(row) if row is not None else None

    @strawberry.field(description="What a government is made of: members, head, who acts for and assists the "
                      "head, leadership, accountability, principles and basis, each with its article.",
                      metadata=names_places("jurisdiction"))
    def government(self, info: Info, jurisdiction: str, document: str | None = None) -> gov.Government | None:
        jur, doc = _scope(info, jurisdiction, document)
        row = _store(info).government(jur.place.key, doc)
        if row is None:
            return None
        key = doc or next((v.key for v in jur.documents if v.current), None)
        return gov.government(row, _store(info).basis(key) if key else [])

    @strawberry.field(description="A law or higher rules by title (国务院工作规则, with or without 《》) and the "
                      "rules documents based on it.")
    def instrument(self, info: Info, title: str) -> gov.Instrument | None:
        return gov.instrument_by_title(_store(info), _text("title", title))

    @strawberry.field(description="A plain question in English or Chinese, answered with citations "
                      "('Who signs an office notice in Chaoyang?', '朝阳区常务会议多久召开一次？').")
    def ask(self, info: Info, question: str, document: str | None = None) -> Answer:
        text = _text("question", question)
        held = _jurisdictions(info)  # with the index of their names: no store read to find them
        result = answer(text, _store(info), document, held)
        if not result.understood:
            fresh = request_places(info.context).refreshed()  # a place loaded since the snapshot was read
            if fresh != held:
                result = answer(text, _store(info), document, fresh)
        places = [d.jurisdiction(j) for j in result.jurisdictions]
        return Answer(
            text=result.text, intent=result.intent, language=result.language, understood=result.understood,
            jurisdiction=places[0] if places else None, jurisdictions=places,
            citations=[b.article(a) for a in result.citations], suggestions=list(result.suggestions),
        )


_log = logging.getLogger("govgraph.api")


class _Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Log server faults with their traceback; a user's unknown name or bad cursor is not one,
        # and an outage is one line per request (its cause is the database, not this code).
        faults = [e for e in errors if not is_user_error(e)]
        for error in faults:
            if isinstance(error.original_error, StoreUnavailable):
                _log.warning("%s: %s", ".".join(map(str, error.path or ())), error.original_error)
        super().process_errors([e for e in faults if not isinstance(e.original_error, StoreUnavailable)],
                               execution_context)


schema = _Schema(
    query=Query,
    mutation=Mutation,
    # Factories, so each request gets fresh extension instances (strawberry's advice); the
    # limits' rules and the parse/validation caches are built once (graphql_api/execution.py).
    extensions=prepared_extensions(DOCUMENT_LIMITS, MaskInternalErrors),
    execution_context_class=executor_class(),  # plain leaves read directly (graphql_api/plain_fields.py)
)
run_fields_off_loop(schema)  # top-level fields run in worker threads, timed (graphql_api/execution.py)
