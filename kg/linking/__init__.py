"""Linking: normalised keys, the knowledge base, families, and cross-paper entity resolution."""
