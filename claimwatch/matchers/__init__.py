"""Pure text logic and decisions: sentences, speakers, stances, keys, similarity, figures.

No I/O, no database, no network. May import claimwatch.errors and the seeds (data files
read once); nothing else of ours.
"""
