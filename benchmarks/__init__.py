"""Benchmarks: a synthetic corpus in the genre (``generate``) and the measurements that
``python3 -m benchmarks.run`` makes of ingest, loading, queries, start-up and memory."""
