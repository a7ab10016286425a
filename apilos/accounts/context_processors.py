from django.http import HttpRequest


def active_role(request: HttpRequest) -> dict:
    membership = getattr(request, "membership", None)
    memberships = []
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        memberships = list(
            request.user.memberships.filter(is_active=True).select_related(
                "bailleur", "administration", "departement", "region"
            )
        )
    return {"membership": membership, "memberships": memberships}
