from django.urls import path

from intranet.offline import views

app_name = "offline"

# The manifest and the worker at the site root: a worker controls only the
# addresses under its own, and / is all of them.
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("frakoblet/", views.offline_page, name="page"),
]
