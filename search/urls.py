from django.urls import path

from search import follow_pages, subscription_feeds, subscription_views, views

app_name = "search"

urlpatterns = [
    path("sok/", views.search, name="search"),
    path("tema/<slug:slug>/", follow_pages.topic_page, name="topic"),
    path("enhet/<slug:slug>/", follow_pages.unit_page, name="unit"),
    path("personer/<str:username>/", follow_pages.person_page, name="person"),
    path("abonnementer/", subscription_views.subscriptions, name="subscriptions"),
    path("abonnementer/folg/", subscription_views.follow, name="follow"),
    path(
        "abonnementer/<int:pk>/",
        subscription_views.subscription_change,
        name="subscription_change",
    ),
    path(
        "abonnementer/varsler-til-meg/",
        subscription_views.personal_delivery,
        name="personal_delivery",
    ),
    path("abonnementer/feed-nokkel/", subscription_views.feed_token, name="feed_token"),
    path(
        "abonnementer/avmeld/<str:token>/",
        subscription_views.unsubscribe,
        name="unsubscribe",
    ),
    path("abonnementer/feed/<str:token>/", subscription_feeds.all_feed, name="feed"),
    path(
        "abonnementer/feed/<str:token>/<int:pk>/",
        subscription_feeds.subscription_feed,
        name="subscription_feed",
    ),
    path("varsler/", subscription_views.notifications, name="notifications"),
    path(
        "varsler/alle-lest/",
        subscription_views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "varsler/<int:pk>/lest/",
        subscription_views.notification_read,
        name="notification_read",
    ),
]
