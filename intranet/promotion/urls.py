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
    path("vi-viser-det/", views.showcase, name="showcase"),
]
