from django.urls import path

from intranet.freshness import views

app_name = "freshness"

urlpatterns = [
    path("aktualitet/", views.overview, name="overview"),
    path(
        "aktualitet/<str:kind>/enhet/<int:unit_id>/",
        views.overview_all,
        name="overview_all",
    ),
    path("aktualitet/sak/<int:case_id>/", views.case_actions, name="case"),
    path(
        "aktualitet/sak/<int:case_id>/fullfor/",
        views.case_complete,
        name="case_complete",
    ),
    path("aktualitet/side/<int:page_id>/", views.review, name="review"),
    path("aktualitet/side/<int:page_id>/bekreft/", views.confirm, name="confirm"),
    path("aktualitet/side/<int:page_id>/arkiver/", views.archive, name="archive"),
    path("aktualitet/side/<int:page_id>/gjenopprett/", views.restore, name="restore"),
]
