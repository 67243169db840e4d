"""The subscription models, moved here from the search app.

State only: the tables exist since search's migrations made them and keep their
names (``db_table``), so no row moves. Search's 0007 then forgets them.
"""

import django.db.models.deletion
import intranet.subscriptions.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("search", "0006_notification_kind_promotion"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FeedToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(default=intranet.subscriptions.models.new_feed_token, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='feed_token', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'feed token',
                        'verbose_name_plural': 'feed tokens',
                        'db_table': 'search_feedtoken',
                    },
                ),
                migrations.CreateModel(
                    name='PersonalDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('delivery', models.CharField(choices=[('inbox', 'Inbox only'), ('immediate', 'Immediate email'), ('daily', 'Daily digest'), ('weekly', 'Weekly digest')], default='immediate', max_length=10, verbose_name='delivery')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='personal_delivery', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'personal notification setting',
                        'verbose_name_plural': 'personal notification settings',
                        'db_table': 'search_personaldelivery',
                    },
                ),
                migrations.CreateModel(
                    name='Subscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('query', models.JSONField(default=dict, verbose_name='query')),
                        ('delivery', models.CharField(choices=[('inbox', 'Inbox only'), ('immediate', 'Immediate email'), ('daily', 'Daily digest'), ('weekly', 'Weekly digest')], default='inbox', max_length=10, verbose_name='delivery')),
                        ('paused', models.BooleanField(default=False, verbose_name='paused')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('kind_count', models.PositiveSmallIntegerField(default=0)),
                        ('text_fts', models.CharField(blank=True, max_length=2000)),
                        ('text_tsquery', models.CharField(blank=True, max_length=2000)),
                        ('day_from', models.IntegerField(blank=True, null=True)),
                        ('day_to', models.IntegerField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subscriptions', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'subscription',
                        'verbose_name_plural': 'subscriptions',
                        'db_table': 'search_subscription',
                        'ordering': ['name', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('match', 'New content you follow'), ('reminder', 'Reminder'), ('overdue', 'Overdue'), ('comment', 'New comment'), ('reply', 'Reply'), ('mention', 'Mention'), ('promotion', 'Promotion')], default='match', max_length=20)),
                        ('key', models.CharField(blank=True, max_length=100)),
                        ('delivery', models.CharField(choices=[('inbox', 'Inbox only'), ('immediate', 'Immediate email'), ('daily', 'Daily digest'), ('weekly', 'Weekly digest')], max_length=10)),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('url', models.CharField(max_length=1000)),
                        ('intro', models.TextField(blank=True)),
                        ('content_type', models.CharField(max_length=20)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read')),
                        ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='emailed')),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('first_failed_at', models.DateTimeField(blank=True, null=True)),
                        ('next_attempt_at', models.DateTimeField(blank=True, null=True)),
                        ('given_up_at', models.DateTimeField(blank=True, null=True, verbose_name='given up')),
                        ('last_error', models.CharField(blank=True, max_length=300, verbose_name='last error')),
                        ('page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                        ('subscription', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='notifications', to='subscriptions.subscription')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'db_table': 'search_notification',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SubscriptionDefaults',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('applied_at', models.DateTimeField(auto_now_add=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'default subscriptions given',
                        'verbose_name_plural': 'default subscriptions given',
                        'db_table': 'search_subscriptiondefaults',
                    },
                ),
                migrations.CreateModel(
                    name='SubscriptionFilter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=10)),
                        ('value', models.CharField(max_length=150)),
                        ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='filters', to='subscriptions.subscription')),
                    ],
                    options={
                        'verbose_name': 'subscription filter',
                        'verbose_name_plural': 'subscription filters',
                        'db_table': 'search_subscriptionfilter',
                    },
                ),
                migrations.AddIndex(
                    model_name='subscription',
                    index=models.Index(fields=['paused', 'kind_count'], name='search_sub_active'),
                ),
                migrations.AddIndex(
                    model_name='notification',
                    index=models.Index(fields=['user', 'read_at'], name='search_notif_unread'),
                ),
                migrations.AddIndex(
                    model_name='notification',
                    index=models.Index(fields=['delivery', 'emailed_at'], name='search_notif_outbox'),
                ),
                migrations.AddConstraint(
                    model_name='notification',
                    constraint=models.UniqueConstraint(condition=models.Q(('kind', 'match')), fields=('user', 'page'), name='search_notification_once'),
                ),
                migrations.AddConstraint(
                    model_name='notification',
                    constraint=models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('user', 'key'), name='search_notification_key_once'),
                ),
                migrations.AddIndex(
                    model_name='subscriptionfilter',
                    index=models.Index(fields=['kind', 'value', 'subscription'], name='search_subfilter_value'),
                ),
                migrations.AddConstraint(
                    model_name='subscriptionfilter',
                    constraint=models.UniqueConstraint(fields=('subscription', 'kind', 'value'), name='search_subfilter_unique'),
                ),
            ],
            database_operations=[],
        ),
    ]
