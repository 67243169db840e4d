from django.urls import path

from intranet.insights import views

app_name = "insights"

urlpatterns = [
    path("puls/<int:pk>/", views.pulse_answer, name="pulse"),
    path("puls/<int:pk>/skjul/", views.pulse_dismiss, name="pulse-dismiss"),
]
