"""GraphQL API over a store: strawberry on Starlette, served by uvicorn."""
