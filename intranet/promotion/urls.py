from django.urls import path

from intranet.promotion import public, views

app_name = "promotion"

urlpatterns = [
    path("ekstern/feed/", public.promotion_feed, name="public-feed"),
    path("ekstern/api/promotions/", public.promotion_list_json, name="public-list"),
    path(
        "ekstern/api/promotions/<int:pk>/",
        public.promotion_detail_json,
        name="public-detail",
    ),
    path("ekstern/bilde/<int:pk>/", public.promotion_image, name="public-image"),
    # Any id and channel reach the view, which answers the malformed with its
    # own "no longer available" page instead of the login.
    path("ekstern/lenke/<str:pk>/<str:channel>/", public.share_link, name="share-link"),
    path("vi-viser-det/", views.showcase, name="showcase"),
    path("vi-viser-det/del/<int:pk>/", views.share, name="share"),
]
