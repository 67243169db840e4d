from django.urls import path

from intranet.sso import views

app_name = "sso"

urlpatterns = [
    path("sso/logg-inn/", views.StartView.as_view(), name="start"),
    path("sso/callback/", views.CallbackView.as_view(), name="callback"),
]
