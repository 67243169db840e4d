"""The subscription models moved to ``intranet.subscriptions``: forget them here.

State only: the tables stay, now owned by the subscriptions app under the same
names. Runs after that app's 0001 has taken them into its state.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_notification_kind_promotion"),
        ("subscriptions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # Those that point at Subscription first.
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="SubscriptionFilter"),
                migrations.DeleteModel(name="Subscription"),
                migrations.DeleteModel(name="PersonalDelivery"),
                migrations.DeleteModel(name="FeedToken"),
                migrations.DeleteModel(name="SubscriptionDefaults"),
            ],
            database_operations=[],
        ),
    ]
