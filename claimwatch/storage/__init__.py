"""Persistence only: the SQLite database, its migrations, and the queries on it.

SQL lives here and nowhere else. May import matchers/ (keys and scores the index stores)
and claimwatch.errors; never the engine, sources/, evaluation/, bot/, cli/ or telegram.
"""
