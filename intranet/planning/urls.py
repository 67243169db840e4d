from django.urls import path

from intranet.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.year_view, name="year"),
    path("<int:year>/", views.year_view, name="year"),
    path("<int:year>/<int:month>/", views.month_view, name="month"),
    path("agenda/", views.agenda_view, name="agenda"),
    path("mine/", views.my_activities, name="mine"),
    path("ny/", views.quick_add, name="add"),
    path("tiltak/<int:pk>/", views.activity_view, name="activity"),
    path("tiltak/<int:pk>/kalender.ics", views.activity_ics, name="activity_ics"),
    path("kalender/", views.calendar_token_view, name="calendar_token"),
    path("ical/<str:token>.ics", views.calendar_feed, name="feed"),
]
