"""Queries: named Cypher queries, analysis, rendering and the command line."""
