class DutchFirstMiddleware:
    """Serve Dutch unless the visitor chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an
    English browser would land on an English portal. The portal is Dutch first:
    only the explicit choice (the language cookie set by /i18n/setlang/) counts.
    Placed just before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
