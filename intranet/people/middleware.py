"""The person's language follows them: at login their browser gets it."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from intranet.people import selectors


def language_cookie_set(response: HttpResponse, language: str) -> None:
    """The cookie Django's `set_language` writes, with the same settings."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class PersonLanguageMiddleware:
    """Gives the browser the language of the person who has just logged in.

    The language is read from the language cookie (`ChosenLanguageMiddleware`), so
    the response that logs someone in (our login, single sign-on's, Wagtail
    admin's) sets that cookie to the language they chose, or removes it when they
    never chose one: a colleague who logs in at the same browser next does not
    inherit it. A `user_logged_in` receiver would see the request but not the
    response, which is where a cookie is set; so this works like
    `ClearSiteDataMiddleware`, on the response whose person changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = request.user.pk
        response = self.get_response(request)
        user = request.user
        if user.pk == before or not user.is_authenticated:
            return response
        language = selectors.person_language(user=user)
        if language:
            language_cookie_set(response, language)
        elif settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            response.delete_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
