from django.urls import path

from intranet.composer import case_views, people_views, plain_language_views, views

app_name = "composer"

urlpatterns = [
    path(
        "skriv/sak/<int:case_id>/oppdatering/",
        views.update_new,
        name="update_new",
    ),
    path("skriv/nyhet/", views.news_new, name="news_new"),
    path("skriv/sak/ny/<int:index_id>/", case_views.case_new, name="case_new"),
    path("skriv/personer/", people_views.people_choose, name="people_choose"),
    path("skriv/klarsprak/", plain_language_views.advice, name="plain_language"),
    path("skriv/<int:page_id>/", views.edit, name="edit"),
    path("skriv/<int:page_id>/avpubliser/", views.unpublish, name="unpublish"),
]
