from django.urls import path

from intranet.people import views

app_name = "people"

urlpatterns = [
    path("personer/", views.directory, name="directory"),
    path("personer/meg/endre/", views.profile_edit, name="edit"),
    path("personer/meg/bekreft/", views.profile_confirm, name="confirm"),
    path("sprak/", views.language_choose, name="language"),
    path("personer/<str:username>/", views.person_page, name="person"),
    path("personer/<str:username>/vcard/", views.person_vcard, name="vcard"),
    path("personer/<str:username>/korriger/", views.profile_correct, name="correct"),
    path("enheter/", views.unit_list, name="units"),
    path("enhet/<slug:slug>/", views.unit_page, name="unit"),
    path(
        "enhet/<slug:slug>/kontakter.csv",
        views.unit_contacts_csv,
        name="unit_contacts",
    ),
]
