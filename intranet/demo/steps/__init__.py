"""One module per area of the demo, each with ``seed(*, rng, log)`` and ``reset()``.

``intranet.demo.seed`` runs them in order; a later step builds on what the earlier
ones made. Each step is idempotent: it finds what it made before by a stable key.
"""
