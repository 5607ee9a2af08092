from django.conf import settings


class SecurityHeadersMiddleware:
    """Headers on every response: the Content-Security-Policy (this origin only: no CDNs,
    fonts, analytics or embeds), a Permissions-Policy, and no caching of signed-in pages by
    shared caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(("/admin/", "/django-admin/"))
        response.setdefault(
            "Content-Security-Policy",
            settings.CONTENT_SECURITY_POLICY_ADMIN
            if is_admin
            else settings.CONTENT_SECURITY_POLICY,
        )
        response.setdefault(
            "Permissions-Policy",
            "geolocation=(), camera=(), microphone=(), payment=(), interest-cohort=()",
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-cache"
        return response
