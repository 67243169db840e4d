from intranet.subscriptions.models import Delivery, Subscription
from intranet.subscriptions.services import subscription_create
from search.query import SearchQuery


def follow(user, *, name: str = "", delivery: str = Delivery.INBOX, **params):
    """Subscribe ``user`` to the search given as GET-like parameters."""
    query = SearchQuery.from_querydict(
        {
            key: value if isinstance(value, list) else [str(value)]
            for key, value in params.items()
        }
    )
    subscription: Subscription = subscription_create(
        user=user, query=query, name=name or "Abonnement", delivery=delivery
    )
    return subscription
