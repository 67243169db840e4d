from django.urls import path

from intranet.composer import views

app_name = "composer"

urlpatterns = [
    path(
        "skriv/sak/<int:case_id>/oppdatering/",
        views.update_new,
        name="update_new",
    ),
    path("skriv/nyhet/", views.news_new, name="news_new"),
    path("skriv/<int:page_id>/", views.edit, name="edit"),
    path("skriv/<int:page_id>/avpubliser/", views.unpublish, name="unpublish"),
]
