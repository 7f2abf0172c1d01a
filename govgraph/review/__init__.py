"""What changed between two versions of a government's rules, and what a document lacks or
contradicts: computed from a store's read API only, so the embedded store and Neo4j answer alike.

    store --read_document--> DocumentView --document_facts--> [Fact] --diff / check--> report
"""
