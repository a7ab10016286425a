from django.http import HttpRequest


def notifications(request: HttpRequest) -> dict:
    """Unread in-app notifications, for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .models import Notification

    return {
        "notifications_non_lues": Notification.objects.filter(
            destinataire=user, lu_le__isnull=True
        ).count()
    }
