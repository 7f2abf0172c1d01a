# The govgraph API image: Python + the project, serving GraphQL on :8000.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ingest ingest
COPY schema schema
COPY stores stores
COPY graphql_api graphql_api
COPY cypher cypher
COPY govgraph govgraph
COPY corpus corpus
RUN pip install --no-cache-dir .
EXPOSE 8000
ENTRYPOINT ["govgraph"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
