from django.urls import path

from news import feeds

app_name = "news"

urlpatterns = [
    path("feed/", feeds.NewsFeed(), name="feed"),
    path("feed/emne/<slug:slug>/", feeds.TopicNewsFeed(), name="topic_feed"),
    path("feed/enhet/<slug:slug>/", feeds.UnitNewsFeed(), name="unit_feed"),
]
