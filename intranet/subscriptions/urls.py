from django.urls import path

from intranet.subscriptions import feeds, follow_pages, views

app_name = "subscriptions"

urlpatterns = [
    path("tema/<slug:slug>/", follow_pages.topic_page, name="topic"),
    path("abonnementer/", views.subscriptions, name="subscriptions"),
    path("abonnementer/folg/", views.follow, name="follow"),
    path(
        "abonnementer/<int:pk>/",
        views.subscription_change,
        name="subscription_change",
    ),
    path(
        "abonnementer/varsler-til-meg/",
        views.personal_delivery,
        name="personal_delivery",
    ),
    path("abonnementer/feed-nokkel/", views.feed_token, name="feed_token"),
    path(
        "abonnementer/avmeld/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
    path("abonnementer/feed/<str:token>/", feeds.all_feed, name="feed"),
    path(
        "abonnementer/feed/<str:token>/<int:pk>/",
        feeds.subscription_feed,
        name="subscription_feed",
    ),
    path("varsler/", views.notifications, name="notifications"),
    path(
        "varsler/alle-lest/",
        views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "varsler/<int:pk>/lest/",
        views.notification_read,
        name="notification_read",
    ),
]
