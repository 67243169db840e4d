from django.urls import path

from intranet.notices import views

app_name = "notices"

urlpatterns = [
    path("tilbakemelding/", views.feedback, name="feedback"),
    path("tilbakemelding/mine/", views.received, name="received"),
    path("driftsmelding/<int:pk>/skjul/", views.alert_dismiss, name="dismiss"),
]
