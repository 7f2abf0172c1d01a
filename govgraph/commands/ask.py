"""`govgraph ask`: a question answered with the articles it cites."""

from __future__ import annotations

import typer

from .common import NEO4J, err, open_store, out


def ask(
    question: str = typer.Argument(..., help="A question in Chinese or English."),
    document: str | None = typer.Option(None, "--document", help="Answer from this version (key, 文号 or title)."),
    as_json: bool = typer.Option(False, "--json", help="Print the answer and its citations as JSON."),
    neo4j: str | None = NEO4J,
) -> None:
    """Answer a question about the rules, citing the articles it comes from.

    Exit code 0 when answered, 1 when the question could not be mapped (the answer
    then says what is missing and which questions work).

    Example: govgraph ask "东城区政府办公室的发文由谁签发？"   or
    govgraph ask "Who chairs the executive meeting in Tongzhou?"
    """
    import dataclasses
    import json

    from graphql_api.ask import answer

    store = open_store(neo4j, first_contact=True)
    try:
        result = answer(question, store, document)
        empty = not store.jurisdictions()
    finally:
        store.close()
    if empty:
        err.print(f"[yellow]empty[/] the {store.name} store holds no documents: `govgraph ingest corpus/` "
                  "loads the bundled ones", highlight=False)
    if as_json:
        typer.echo(json.dumps(_as_api_json(dataclasses.asdict(result)), ensure_ascii=False, indent=2, default=str))
    else:
        out.print(result.text, highlight=False, markup=False)
        if result.citations:
            out.print("\n[bold]Sources[/]")
        for i, article in enumerate(result.citations, 1):
            body = article.text[len(article.label):].strip().replace("\n", " ")
            out.print(f"[{i}] {article.document.title} {article.label} (article {article.number}) "
                      f"{body[:60]}{'…' if len(body) > 60 else ''}", highlight=False, markup=False)
    if not result.understood:
        raise typer.Exit(1)


def _as_api_json(answer: dict[str, object]) -> object:
    """The answer as the API names its fields (camelCase; a jurisdiction's place fields beside its
    documents), so ``ask --json`` reads like the GraphQL ``ask`` field."""
    places = answer.get("jurisdictions")
    if isinstance(places, list | tuple):
        answer["jurisdictions"] = [{**j["place"], "documents": j["documents"]} for j in places]
    return _camel(answer)


def _camel(value: object) -> object:
    if isinstance(value, dict):
        return {_camel_name(str(k)): _camel(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_camel(v) for v in value]
    return value


def _camel_name(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
