// The peer of the query benchmark: @neo4j/graphql on Node, over the same Neo4j database as
// govgraph, with type definitions for the signatories question (who signs, approves, reviews
// or countersigns documents an issuer sends out, with the article that says so).
//
//   NEO4J_URI=bolt://127.0.0.1:7687 PEER_PORT=4100 node server.mjs
//
// POST /graphql {query, variables} answers GraphQL; GET /readyz answers 200 once the schema is
// built and the database answers. Runs until SIGTERM.
import http from "node:http";

import { Neo4jGraphQL } from "@neo4j/graphql";
import { graphql } from "graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Jurisdiction @node {
    key: String!
    name: String!
    fullName: String
    nameEn: String
    documents: [RuleDocument!]! @relationship(type: "HAS_RULES", direction: OUT)
  }

  type RuleDocument @node {
    key: String!
    title: String
    status: String
    current: Boolean
    jurisdiction: String
    # Document types carry their document's key (no relationship), as govgraph's model has it.
    documentTypes(issuer: String!): [DocumentType!]!
      @cypher(statement: "MATCH (t:DocumentType {doc: this.key, issuerKey: $issuer}) RETURN t", columnName: "t")
  }

  union Actor = Role | Body

  type Role @node {
    key: String!
    kind: String
    name: String
    nameEn: String
  }

  type Body @node {
    key: String!
    kind: String
    name: String
    nameEn: String
  }

  type Step @relationshipProperties {
    condition: String
    verb: String
    delegated: Boolean
    order: Int
    article: Int
    start: Int
    end: Int
    evidence: String
  }

  type Article @node {
    key: String!
    number: Int
    label: String
    cleanText: String
    text: String
    start: Int
    end: Int
  }

  type DocumentType @node {
    key: String!
    name: String
    issuerName: String
    genreNames: [String!]
    recipientName: String
    direction: String
    signedBy: [Actor!]! @relationship(type: "SIGNS", direction: IN, properties: "Step")
    approvedBy: [Actor!]! @relationship(type: "APPROVES", direction: IN, properties: "Step")
    reviewedBy: [Actor!]! @relationship(type: "REVIEWS", direction: IN, properties: "Step")
    countersignedBy: [Actor!]! @relationship(type: "COUNTERSIGNS", direction: IN, properties: "Step")
    statedIn: [Article!]! @relationship(type: "STATED_IN", direction: OUT)
  }
`;

const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const user = process.env.NEO4J_USER ?? "neo4j";
const password = process.env.NEO4J_PASSWORD ?? "govgraph-dev";
const database = process.env.NEO4J_DATABASE ?? "neo4j";
const port = Number(process.env.PEER_PORT ?? 4100);

const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/readyz") {
    try {
      await driver.verifyConnectivity({ database });
      reply(res, 200, { ready: true });
    } catch (error) {
      reply(res, 503, { ready: false, error: String(error) });
    }
    return;
  }
  if (req.method !== "POST" || req.url !== "/graphql") {
    reply(res, 404, { error: "POST /graphql or GET /readyz" });
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let request;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    reply(res, 400, { errors: [{ message: "body is not JSON" }] });
    return;
  }
  const result = await graphql({
    schema,
    source: request.query,
    variableValues: request.variables,
    contextValue: { sessionConfig: { database } },
  });
  reply(res, 200, result);
});

server.keepAliveTimeout = 30_000;
server.listen(port, "127.0.0.1", () => console.log(`peer listening on http://127.0.0.1:${port}/graphql`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close();
    driver.close().finally(() => process.exit(0));
  });
}
