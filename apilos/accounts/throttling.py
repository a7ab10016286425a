"""Login throttling key: the e-mail, case-folded, so that "Jean@x" and "jean@x" share a counter."""


def username_for_throttling(request, credentials) -> str | None:
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return username.strip().lower() if username else None
