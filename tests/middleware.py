"""Makes any page that printed an undefined template variable fail its test."""

from django.conf import settings

MARKER = settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"].split("%s")[0]


class InvalidTemplateVariable(AssertionError):
    pass


class FailOnInvalidTemplateVariable:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (
            MARKER
            and "text/html" in content_type
            and not request.path.startswith("/admin/")
            and not getattr(response, "streaming", False)
        ):
            text = response.content.decode("utf-8", errors="replace")
            if MARKER in text:
                start = text.index(MARKER)
                raise InvalidTemplateVariable(text[start : start + 120])
        return response
