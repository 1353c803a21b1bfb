"""The Telegram bot: application wiring, handlers, buttons, delivery, digests, scheduling,
HTML rendering and i18n.

The only room that imports telegram. May import claimwatch.config, sources/, the engine,
matchers/, storage/ and claimwatch.errors; never evaluation/ or cli/.
"""
