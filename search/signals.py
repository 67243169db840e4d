"""What search tells the world, so no app below needs to know who listens.

The first two are sent inside the transaction that wrote the database index,
after the write: a receiver's rows commit (or roll back) with the index.
"""

from django.dispatch import Signal

# ``documents`` (SearchDocument) were (re)indexed and the pages ``removed`` (ids)
# taken out of search. Whoever keeps copies of what search finds keeps them in
# step (subscriptions take back notifications people may no longer see).
documents_written = Signal()

# The ``page`` was indexed as ``document`` because it was published or changed:
# what followers of a search would want to hear about.
document_indexed = Signal()

# A synonym group was saved or deleted (sent after the commit, with the new
# table in force): whoever stored queries with their synonyms expands them again.
synonyms_changed = Signal()
