"""The demo: a Norwegian municipality's people, cases, news and a year of use.

The top layer: it may import every app, and no app imports it. The content is
data (``content/*.json``); the steps in ``steps/`` only say how it is made, through
the apps' own services, and ``seed.py`` runs them in order.
"""
