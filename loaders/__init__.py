"""Loaders: read documents and extract actors and relations with evidence."""
