"""Every URL pattern of the project, walked from the root resolver."""

from django.urls import URLPattern, URLResolver, get_resolver


def iter_route_names(patterns=None, namespace: str = ""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_route_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield (
                f"{namespace}{entry.name}"
                if entry.name
                else f"{namespace}<sans nom:{entry.pattern}>"
            )
