from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from intranet.core import views as core_views
from intranet.sso import views as sso_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("logg-inn/", sso_views.LoginView.as_view(), name="login"),
    path("logg-ut/", sso_views.LogoutView.as_view(), name="logout"),
    path("", include("intranet.sso.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Replace the few Wagtail admin views that would show hidden page titles.
    path("admin/", include("cases.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("nyheter/", include("news.urls")),
    path("", include("cases.urls")),
    path("", include("search.urls")),
    path("", include("intranet.people.urls")),
    path("", include("intranet.subscriptions.urls")),
    path("", include("intranet.composer.urls")),
    path("", include("intranet.promotion.urls")),
    path("arshjul/", include("intranet.planning.urls")),
    path("", include("intranet.dialogue.urls")),
    path("", include("intranet.insights.urls")),
    path("", include("intranet.reach.urls")),
    path("", include("intranet.notices.urls")),
    path("", include("intranet.freshness.urls")),
    path("", include("intranet.offline.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Uploaded files stay behind the login, and documents behind their collection's
# view restrictions, in development and production alike.
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", core_views.media)]

# Wagtail's page serving is the catch-all, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
