"""Scoring the engine: labelled cases (``eval cases``) and the FNC-1 stance task.

May import the engine, matchers/, storage/ and claimwatch.errors; never sources/, bot/, cli/
or telegram.
"""
