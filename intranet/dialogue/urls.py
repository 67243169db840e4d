from django.urls import path

from intranet.dialogue import views

app_name = "dialogue"

urlpatterns = [
    path("dialog/<int:page_id>/kommenter/", views.comment_post, name="post"),
    path("dialog/<int:page_id>/reager/", views.reaction_toggle, name="react"),
    path("dialog/<int:page_id>/kommentarer/", views.comments_toggle, name="toggle"),
    path("dialog/kommentar/<int:pk>/endre/", views.comment_edit, name="edit"),
    path("dialog/kommentar/<int:pk>/slett/", views.comment_delete, name="delete"),
    path("dialog/kommentar/<int:pk>/rapporter/", views.comment_report, name="report"),
    path("dialog/kommentar/<int:pk>/skjul/", views.comment_hide, name="hide"),
    path("dialog/kommentar/<int:pk>/vis/", views.comment_unhide, name="unhide"),
]
