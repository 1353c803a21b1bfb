"""The engine's application layer: an article in, statements, claims and flags out;
the questions asked of what is stored (search, check, timeline) and what a chat can follow.

Used alike by the command line, the bot and the evaluators. May import matchers/, storage/
and claimwatch.errors; never sources/, evaluation/, bot/, cli/ or telegram.
"""
