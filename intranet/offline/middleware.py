from django.http import HttpRequest, HttpResponse

from intranet.offline.policy import CLEAR_SITE_DATA


class ClearSiteDataMiddleware:
    """Tells the browser to forget what it kept for offline reading whenever the
    person at it changes: the response that logged someone in or out (ours,
    Wagtail admin's, single sign-on's) carries `Clear-Site-Data`, so nothing of
    one person is stored in the browser for the next. The header also removes
    the service worker; the next page a logged-in person opens registers it
    again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = request.user.pk
        response = self.get_response(request)
        if request.user.pk != before:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
