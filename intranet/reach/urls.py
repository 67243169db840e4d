from django.urls import path

from intranet.reach import views

app_name = "reach"

urlpatterns = [
    path("ma-leses/", views.overview, name="overview"),
    path("ma-leses/<int:page_id>/", views.completion, name="completion"),
    path("ma-leses/<int:page_id>/tall.csv", views.completion_csv, name="csv"),
    path("ma-leses/<int:page_id>/lest/", views.acknowledge, name="acknowledge"),
]
