from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Norwegian unless the person has chosen another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English to everyone with an English browser. Here only an explicit choice (the
    language cookie set by Django's `set_language` view) changes the language.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
