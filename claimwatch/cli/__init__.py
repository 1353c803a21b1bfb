"""The ``claimwatch`` command line and its terminal rendering.

The top room: may import every other (``claimwatch run`` starts the bot); nothing imports it.
"""
