// The peer of the query benchmark: @neo4j/graphql on Node, over the same Neo4j database as
// govgraph, with type definitions for the signatories question (who signs, approves, reviews
// or countersigns documents an issuer sends out, with the article that says so).
//
//   NODE_ENV=production NEO4J_URI=bolt://127.0.0.1:7687 PEER_PORT=4100 node server.mjs
//
// Served as its users serve it: Apollo Server 5 (its default document store caches parsed and
// validated queries, as govgraph's ParserCache and ValidationCache do) on the newest
// neo4j-driver @neo4j/graphql accepts (6.x sets TCP_NODELAY; 5.x waited on delayed ACKs).
// Apollo's HTTP integration API runs on node:http so that the server also has GET /readyz.
// POST /graphql {query, variables} answers GraphQL; GET /readyz answers 200 once the schema is
// built and the database answers. Runs until SIGTERM.
//
// PEER_RECORD=1 (never in a timed run): the driver handed to @neo4j/graphql records every statement
// a transaction runs, with its parameters typed for replay ({"$int": "5"} for a Neo4j Integer,
// {"$float": 5} for a JS number, which the driver sends as a Float); GET /sent answers the statements
// recorded since the last GET /sent. The benchmark counts the peer's round trips with it and replays
// the peer's Cypher through the Python driver.
import http from "node:http";

import { ApolloServer, HeaderMap } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
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
const sent = [];

function typed(value) {
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (typeof value === "number") return { $float: value };
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(typed);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)]));
  }
  throw new Error(`cannot record a parameter of type ${value?.constructor?.name}`);
}

// A stand-in that forwards everything to its target, with `intercept` replacing some of its methods.
function forwarding(target, intercept) {
  return new Proxy(target, {
    get(object, name) {
      if (name in intercept) return intercept[name];
      const value = Reflect.get(object, name, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

function recordingTx(tx) {
  return forwarding(tx, {
    run(query, parameters, ...rest) {
      sent.push({ text: typeof query === "string" ? query : query.text, params: typed(parameters ?? {}) });
      return tx.run(query, parameters, ...rest);
    },
  });
}

function recordingSession(session) {
  return forwarding(session, {
    run(query, parameters, ...rest) {
      sent.push({ text: typeof query === "string" ? query : query.text, params: typed(parameters ?? {}) });
      return session.run(query, parameters, ...rest);
    },
    executeRead: (work, config) => session.executeRead((tx) => work(recordingTx(tx)), config),
    executeWrite: (work, config) => session.executeWrite((tx) => work(recordingTx(tx)), config),
    beginTransaction: (config) => recordingTx(session.beginTransaction(config)),
  });
}

const recording = process.env.PEER_RECORD === "1";
const served = recording ? forwarding(driver, { session: (config) => recordingSession(driver.session(config)) }) : driver;
const schema = await new Neo4jGraphQL({ typeDefs, driver: served }).getSchema();

const apollo = new ApolloServer({ schema });
await apollo.start();

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
  if (recording && req.method === "GET" && req.url === "/sent") {
    reply(res, 200, { sent: sent.splice(0) });
    return;
  }
  if (req.method !== "POST" || req.url !== "/graphql") {
    reply(res, 404, { error: "POST /graphql or GET /readyz" });
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    reply(res, 400, { errors: [{ message: "body is not JSON" }] });
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: "POST", headers, search: "", body },
    context: async () => ({ sessionConfig: { database } }),
  });
  for (const [name, value] of result.headers) res.setHeader(name, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
});

server.keepAliveTimeout = 30_000;
server.listen(port, "127.0.0.1", () => console.log(`peer listening on http://127.0.0.1:${port}/graphql`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close();
    apollo.stop().finally(() => driver.close().finally(() => process.exit(0)));
  });
}
