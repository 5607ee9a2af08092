from django.http import Http404
from wagtail import hooks

import access


@hooks.register("before_serve_document")
def documents_ask_the_access_policy(document, request):
    if not access.can(request.user, "document.view", document):
        raise Http404


@hooks.register("before_serve_page")
def pages_ask_the_access_policy(page, request, serve_args, serve_kwargs):
    if not access.can(request.user, "page.view", page):
        raise Http404
