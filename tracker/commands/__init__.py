"""Command groups of ``quotes``: one module per group, each with ``register(app)``."""
