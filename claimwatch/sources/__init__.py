"""Where articles come from: safe fetching over HTTP, feeds, and page text.

May import the engine (a fetched article goes through the pipeline), matchers/, storage/
and claimwatch.errors; never evaluation/, bot/, cli/ or telegram.
"""
